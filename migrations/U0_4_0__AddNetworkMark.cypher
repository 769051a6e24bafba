// rollback: deletes every NetworkMark and its MARKS relationship, in batches; network states set after the
//   upgrade (inactive, invalid, deleted) are lost, and alchemiscale v0.4+ sees no network until 0.4.0 runs again.
MATCH (m:NetworkMark)
CALL { WITH m DETACH DELETE m } IN TRANSACTIONS OF 10000 ROWS;
