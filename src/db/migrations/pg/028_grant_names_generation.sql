-- The names the public grant pages give departments and kinds of grant are
-- kept with the ledger of decided grants (see the SQLite migration 028):
-- writing either table bumps 'generation:grants', once per transaction.
CREATE TRIGGER departments_grants_gen AFTER INSERT OR UPDATE OR DELETE ON departments
	FOR EACH STATEMENT EXECUTE FUNCTION bump_domain('generation:grants');
CREATE TRIGGER grant_kinds_grants_gen AFTER INSERT OR UPDATE OR DELETE ON grant_kinds
	FOR EACH STATEMENT EXECUTE FUNCTION bump_domain('generation:grants');
