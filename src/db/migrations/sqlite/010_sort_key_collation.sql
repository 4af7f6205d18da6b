-- Sort keys come from ICU's Swedish collation (src/base/sortkey.c). SQL
-- cannot make them, so this records that the keys stored so far are the old
-- Latin-1 fold (version 0), and register_rekey (src/register/rekey.c), run
-- by every command right after the migrations, makes every association's key
-- anew in one transaction and records the collator's version here. It does
-- the same whenever ICU's collation changes under a stored version.
INSERT INTO meta (k, v) VALUES ('sort_key:collation', 0);
