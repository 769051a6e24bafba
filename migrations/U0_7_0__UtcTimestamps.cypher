// rollback: turns the UTC DateTime values of the four time properties back into LocalDateTime (the UTC wall
//   clock), in batches; values alchemiscale v0.7+ wrote itself are converted too, which v0.3-v0.6 expect.
MATCH (c:ComputeServiceRegistration) WHERE c.heartbeat IS :: ZONED DATETIME NOT NULL
CALL { WITH c SET c.heartbeat = localdatetime({datetime: datetime({datetime: c.heartbeat, timezone: 'UTC'})}) }
IN TRANSACTIONS OF 10000 ROWS;

MATCH (c:ComputeServiceRegistration) WHERE c.registered IS :: ZONED DATETIME NOT NULL
CALL { WITH c SET c.registered = localdatetime({datetime: datetime({datetime: c.registered, timezone: 'UTC'})}) }
IN TRANSACTIONS OF 10000 ROWS;

MATCH ()-[r:CLAIMS]->() WHERE r.claimed IS :: ZONED DATETIME NOT NULL
CALL { WITH r SET r.claimed = localdatetime({datetime: datetime({datetime: r.claimed, timezone: 'UTC'})}) }
IN TRANSACTIONS OF 10000 ROWS;

MATCH (t:Task) WHERE t.datetime_created IS :: ZONED DATETIME NOT NULL
CALL { WITH t SET t.datetime_created = localdatetime({datetime: datetime({datetime: t.datetime_created, timezone: 'UTC'})}) }
IN TRANSACTIONS OF 10000 ROWS;
