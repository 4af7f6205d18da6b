-- The active venues are kept in memory per process with what they are let
-- at (src/venues/directory.c), so that the list, the week calendar and the
-- free-time search read only bookings and closed days from the database:
-- 'generation:venues', bumped whenever a venue, its hours or prices, a
-- venue type, or the name of its department or area is written.
INSERT INTO meta VALUES ('generation:venues', 1);
CREATE TRIGGER venues_venues_ai AFTER INSERT ON venues BEGIN
	UPDATE meta SET v = v + 1 WHERE k = 'generation:venues';
END;
CREATE TRIGGER venues_venues_au AFTER UPDATE ON venues BEGIN
	UPDATE meta SET v = v + 1 WHERE k = 'generation:venues';
END;
CREATE TRIGGER venues_venues_ad AFTER DELETE ON venues BEGIN
	UPDATE meta SET v = v + 1 WHERE k = 'generation:venues';
END;
CREATE TRIGGER venue_hours_venues_ai AFTER INSERT ON venue_hours BEGIN
	UPDATE meta SET v = v + 1 WHERE k = 'generation:venues';
END;
CREATE TRIGGER venue_hours_venues_au AFTER UPDATE ON venue_hours BEGIN
	UPDATE meta SET v = v + 1 WHERE k = 'generation:venues';
END;
CREATE TRIGGER venue_hours_venues_ad AFTER DELETE ON venue_hours BEGIN
	UPDATE meta SET v = v + 1 WHERE k = 'generation:venues';
END;
CREATE TRIGGER venue_prices_venues_ai AFTER INSERT ON venue_prices BEGIN
	UPDATE meta SET v = v + 1 WHERE k = 'generation:venues';
END;
CREATE TRIGGER venue_prices_venues_au AFTER UPDATE ON venue_prices BEGIN
	UPDATE meta SET v = v + 1 WHERE k = 'generation:venues';
END;
CREATE TRIGGER venue_prices_venues_ad AFTER DELETE ON venue_prices BEGIN
	UPDATE meta SET v = v + 1 WHERE k = 'generation:venues';
END;
CREATE TRIGGER venue_types_venues_ai AFTER INSERT ON venue_types BEGIN
	UPDATE meta SET v = v + 1 WHERE k = 'generation:venues';
END;
CREATE TRIGGER venue_types_venues_au AFTER UPDATE ON venue_types BEGIN
	UPDATE meta SET v = v + 1 WHERE k = 'generation:venues';
END;
CREATE TRIGGER venue_types_venues_ad AFTER DELETE ON venue_types BEGIN
	UPDATE meta SET v = v + 1 WHERE k = 'generation:venues';
END;
CREATE TRIGGER departments_venues_ai AFTER INSERT ON departments BEGIN
	UPDATE meta SET v = v + 1 WHERE k = 'generation:venues';
END;
CREATE TRIGGER departments_venues_au AFTER UPDATE ON departments BEGIN
	UPDATE meta SET v = v + 1 WHERE k = 'generation:venues';
END;
CREATE TRIGGER departments_venues_ad AFTER DELETE ON departments BEGIN
	UPDATE meta SET v = v + 1 WHERE k = 'generation:venues';
END;
CREATE TRIGGER areas_venues_ai AFTER INSERT ON areas BEGIN
	UPDATE meta SET v = v + 1 WHERE k = 'generation:venues';
END;
CREATE TRIGGER areas_venues_au AFTER UPDATE ON areas BEGIN
	UPDATE meta SET v = v + 1 WHERE k = 'generation:venues';
END;
CREATE TRIGGER areas_venues_ad AFTER DELETE ON areas BEGIN
	UPDATE meta SET v = v + 1 WHERE k = 'generation:venues';
END;
