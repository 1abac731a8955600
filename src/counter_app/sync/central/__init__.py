"""The reference central server of the sync contract (SYNC.md): database, HTTP API, faults, simulation.

`counter-app central` and the sync tests run it. It speaks protocol 1 under /sync/v1 with the
schemas of `counter_app.sync.wire`; the real provincial system speaks its own API behind an
adapter. Notes for whoever maintains it (and for the client that talks to it):

* Its database is its own (`store.CentralBase`, tables `central_*`), created with
  `metadata.create_all`: a reference server, so no migrations. Drop the database to change
  the schema.
* Plain HTTP on 127.0.0.1 only (tests, demos). A real deployment binds a private address
  and puts TLS in front (a reverse proxy); the per-site tokens must never cross a network
  in clear text. Only a SHA-256 of each token is stored.
* `procedures` stream: a retired procedure is an explicit `delete` whose data still carries
  the procedure (`"retired": true` inside it), in the change log and in snapshots alike.
* `dossier_status` data: `transition` is the last status move; `at`, `origin` and
  `mutation_id` describe the last change of the record (an apology changes the due date
  without a move).
* Snapshot items carry `position` = the snapshot's head (the position their cursor names).
* A push answer is stored under its Idempotency-Key only when every item is final
  (applied, duplicate, conflict, rejected); an answer with `retry_later` or `not_processed`
  items is not, so the same batch sent again is processed again (what was applied comes
  back as `duplicate`). A `duplicate` repeats the stored outcome: a non-empty `code` means
  the original was rejected with that code.
* Online dossiers get codes `<agency>-YYMMDD-9xxxx` (90000 + n, n per site and day) so they
  never meet the numbers a counter issues itself (well below 90000 a day).
"""
