-- Watching a venue's time (issue 11, step 3): a representative who found
-- a time taken asks to be told when it becomes free. When a booking lets
-- its time go (cancelled, declined, a request withdrawn), each watch of
-- that venue — or of its whole or parts — whose time is then wholly free
-- gets one mail through the outbox, and notified is set.
CREATE TABLE venue_watches (
	id INTEGER PRIMARY KEY,
	venue_id INTEGER NOT NULL REFERENCES venues (id) ON DELETE CASCADE,
	user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	starts INTEGER NOT NULL,
	ends INTEGER NOT NULL,
	created INTEGER NOT NULL,
	notified INTEGER,
	CHECK (starts < ends AND ends - starts <= 86400)
) STRICT;
CREATE INDEX venue_watches_open ON venue_watches (venue_id, starts) WHERE notified IS NULL;
CREATE INDEX venue_watches_user ON venue_watches (user_id);
