-- 'generation:venues' (see the SQLite migration 031): the venues kept in
-- memory per process (src/venues/directory.c) are read again after a
-- transaction writes a venue, its hours or prices, a venue type, or a
-- department's or area's name.
INSERT INTO meta VALUES ('generation:venues', 1);
CREATE TRIGGER venues_venues_gen AFTER INSERT OR UPDATE OR DELETE ON venues
	FOR EACH STATEMENT EXECUTE FUNCTION bump_domain('generation:venues');
CREATE TRIGGER venue_hours_venues_gen AFTER INSERT OR UPDATE OR DELETE ON venue_hours
	FOR EACH STATEMENT EXECUTE FUNCTION bump_domain('generation:venues');
CREATE TRIGGER venue_prices_venues_gen AFTER INSERT OR UPDATE OR DELETE ON venue_prices
	FOR EACH STATEMENT EXECUTE FUNCTION bump_domain('generation:venues');
CREATE TRIGGER venue_types_venues_gen AFTER INSERT OR UPDATE OR DELETE ON venue_types
	FOR EACH STATEMENT EXECUTE FUNCTION bump_domain('generation:venues');
CREATE TRIGGER departments_venues_gen AFTER INSERT OR UPDATE OR DELETE ON departments
	FOR EACH STATEMENT EXECUTE FUNCTION bump_domain('generation:venues');
CREATE TRIGGER areas_venues_gen AFTER INSERT OR UPDATE OR DELETE ON areas
	FOR EACH STATEMENT EXECUTE FUNCTION bump_domain('generation:venues');
