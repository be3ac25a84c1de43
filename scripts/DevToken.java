/*
 * Mints a development access token for products run locally: generates a throw-away EC key, writes
 * its public JWKS for products (PRODUCTS_AUTH_JWKS_URI=file:...), and prints an ES256 token with every
 * scope, valid for an hour. The private key lives only in this process: nothing secret is written.
 * Development only: not part of any jar; scripts/run-local.sh runs it with products' libraries:
 *
 *   java -cp 'products/target/libs/*' scripts/DevToken.java .local/auth/jwks.json
 *
 * Running it again replaces the key: products picks the new one up when it first sees its key id.
 */
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

class DevToken {

    static final String ISSUER = "local-dev-issuer";
    static final String AUDIENCE = "products";
    static final String SCOPES = "payments:read payments:write products:read";
    static final Duration LIFETIME = Duration.ofHours(1);

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: java -cp 'products/target/libs/*' scripts/DevToken.java <jwks.json to write>");
            System.exit(64);
        }
        ECKey key = new ECKeyGenerator(Curve.P_256).keyIDFromThumbprint(true).generate();
        Path jwks = Path.of(args[0]);
        Files.createDirectories(jwks.toAbsolutePath().getParent());
        Files.writeString(jwks, new JWKSet(key.toPublicJWK()).toString());

        Instant now = Instant.now();
        SignedJWT token = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT).keyID(key.getKeyID()).build(),
                new JWTClaimsSet.Builder()
                        .issuer(ISSUER)
                        .audience(AUDIENCE)
                        .subject("local-developer")
                        .claim("client_id", "local-dev")
                        .claim("scope", SCOPES)
                        .jwtID(UUID.randomUUID().toString())
                        .issueTime(Date.from(now))
                        .notBeforeTime(Date.from(now))
                        .expirationTime(Date.from(now.plus(LIFETIME)))
                        .build());
        token.sign(new ECDSASigner(key));
        System.out.println(token.serialize());
    }
}
