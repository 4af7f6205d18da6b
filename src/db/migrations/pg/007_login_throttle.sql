-- Failed password checks are counted by keyed hashes (src/auth/throttle.c),
-- never by the address someone typed: one row per account, client address
-- and address prefix, with its failures and the time of the last. The old
-- rows hold typed addresses and are dropped with their table.
DROP TABLE login_failures;
CREATE TABLE login_throttle (
	key text PRIMARY KEY, -- HMAC-SHA256 (128 bits, hex) of the kind and its value
	kind text NOT NULL CHECK (kind IN ('account', 'address', 'prefix')),
	failures bigint NOT NULL,
	last_at bigint NOT NULL
);
CREATE INDEX login_throttle_last ON login_throttle (last_at);
