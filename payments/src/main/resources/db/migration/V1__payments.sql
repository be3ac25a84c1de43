-- The payments ledger. Applied by Flyway when payments starts; Flyway holds a PostgreSQL advisory lock
-- while it migrates, so instances that start together apply each version exactly once.

CREATE TABLE payment (
    -- "C" collation: ids compare byte by byte, as Java's String.compareTo does for these ASCII ids,
    -- so that the database's keyset order is the order the cursor (domain.Cursor) assumes.
    id                  text COLLATE "C" PRIMARY KEY,
    amount              numeric(14, 2) NOT NULL CHECK (amount > 0),
    currency            char(3) NOT NULL,
    status              text NOT NULL
                        CHECK (status IN ('PENDING', 'AUTHORIZED', 'CAPTURED', 'FAILED', 'REFUNDED')),
    description         text,
    created_at          timestamptz NOT NULL,
    -- The client's Idempotency-Key; null for payments stored as they are (sample data).
    idempotency_key     text,
    -- SHA-256 of the canonical request that created the payment: the same key with another request is refused.
    request_fingerprint bytea,
    -- Who created the payment (the caller's subject), once callers are authenticated; not in the API.
    created_by          text,
    CONSTRAINT payment_idempotency_key_unique UNIQUE (idempotency_key),
    CONSTRAINT payment_key_has_fingerprint CHECK ((idempotency_key IS NULL) = (request_fingerprint IS NULL))
);

-- Keyset pagination, newest first: WHERE (created_at, id) < (?, ?) ORDER BY created_at DESC, id DESC.
CREATE INDEX payment_newest_first ON payment (created_at DESC, id DESC);
-- The same, within one status (the list's status filter).
CREATE INDEX payment_status_newest_first ON payment (status, created_at DESC, id DESC);
