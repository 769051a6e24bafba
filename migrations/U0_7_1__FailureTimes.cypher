// Undo of V0_7_1: removes the empty failure_times lists; lists that hold failures (written by alchemiscale v0.7+) stay.
MATCH (c:ComputeServiceRegistration) WHERE c.failure_times = []
REMOVE c.failure_times;
