// alchemiscale's four uniqueness constraints, unchanged since alchemiscale v0.1.0.
// alchemiscale's own `database check` accepts exactly these four (by name, label and property).
CREATE CONSTRAINT scoped_key IF NOT EXISTS
FOR (n:GufeTokenizable) REQUIRE n._scoped_key IS UNIQUE;

CREATE CONSTRAINT user_identifier IF NOT EXISTS
FOR (n:CredentialedUserIdentity) REQUIRE n.identifier IS UNIQUE;

CREATE CONSTRAINT compute_identifier IF NOT EXISTS
FOR (n:CredentialedComputeIdentity) REQUIRE n.identifier IS UNIQUE;

CREATE CONSTRAINT compute_service_registration_identifier IF NOT EXISTS
FOR (n:ComputeServiceRegistration) REQUIRE n.identifier IS UNIQUE;
