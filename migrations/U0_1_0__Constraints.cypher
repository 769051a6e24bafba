// Undo of V0_1_0: drops alchemiscale's four uniqueness constraints (their backing indexes go with them).
DROP CONSTRAINT scoped_key IF EXISTS;
DROP CONSTRAINT user_identifier IF EXISTS;
DROP CONSTRAINT compute_identifier IF EXISTS;
DROP CONSTRAINT compute_service_registration_identifier IF EXISTS;
