#pragma once
// Units of work that commit without waiting for the WAL flush, and the
// flush that makes them durable (implemented with the pool, database.cpp).

namespace emporium::kernel {

// Asynchronous commits for a sequence of units of work whose outcome nobody
// outside the process sees until its end, such as the steps of a checkout.
// While one is alive, the units of work its thread begins commit with
// `synchronous_commit` off: the COMMIT returns before the WAL is on disk,
// which saves a flush per unit. A crash of PostgreSQL or of the machine can
// lose such commits, but only as a whole tail: recovery replays the WAL in
// order, and a commit whose flush was waited for brings every earlier commit
// to disk with it. So nothing may leave the process (a response, a call to
// a payment provider, an email) on the strength of these commits before
// flush_async_commits() or a unit with tx.commit_durably(); the HTTP
// pipeline calls flush_async_commits() before every response. See
// docs/architecture.md, "Asynchronous commits".
class AsyncCommits {
 public:
  AsyncCommits();
  ~AsyncCommits();
  AsyncCommits(const AsyncCommits&) = delete;
  AsyncCommits& operator=(const AsyncCommits&) = delete;
};

// Waits until the WAL of this thread's asynchronous commits is on disk: one
// small synchronous transaction, and nothing at all when no such commit is
// outstanding.
void flush_async_commits();

}  // namespace emporium::kernel
