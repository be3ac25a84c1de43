/**
 * Who may call products: every API request carries an OAuth 2.0 bearer JWT whose scopes cover the
 * operation's, as {@code products.yaml} declares them. {@link com.example.products.auth.BearerAuthentication}
 * is the routing filter; {@link com.example.products.auth.TokenVerifier} is the port behind it, and
 * {@link com.example.products.auth.JwksTokenVerifier} its adapter (Nimbus JOSE+JWT against the issuer's JWKS),
 * behind {@link com.example.products.auth.VerifiedTokenCache}, which checks a token's signature once per token.
 */
package com.example.products.auth;
