/**
 * The payments service: {@link com.example.payments.Main} wires the ledger, the endpoint and the
 * shared server set-up.
 */
package com.example.payments;
