-- A case type is declared by its e-service (src/eservices.c lists them), not
-- by the schema: cases.type loses the CHECK that named the types.
ALTER TABLE cases DROP CONSTRAINT IF EXISTS cases_type_check;
ALTER TABLE cases ADD CONSTRAINT cases_type_length CHECK (length(type) BETWEEN 1 AND 40);
CREATE INDEX cases_type ON cases (type, department_id);
