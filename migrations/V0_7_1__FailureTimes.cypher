// alchemiscale v0.7 keeps a list of failure times on every compute service registration and its claim check
// computes size(cs.failure_times): a registration written before v0.7 has none, so the check gets null and the
// claim fails. Registrations are few (one per running compute service), so one transaction suffices.
MATCH (c:ComputeServiceRegistration) WHERE c.failure_times IS NULL
SET c.failure_times = [];
