#pragma once

#include <cstdint>
#include <map>
#include <ostream>
#include <string>

#include "src/openlineage/sender.h"
#include "src/store/store.h"

namespace athena::openlineage {

struct ExportOptions {
  std::string url;      ///< POST the events here (with the outbox); or
  std::string out_file; ///< write them as JSON Lines to this file
  std::string job_namespace = "athena";
  std::string region;
  std::string since; ///< YYYY-MM-DD (UTC): executions submitted on or after that day
  bool dry_run = false;
  bool retry_failed = false;           ///< send again events the server refused (4xx) before
  std::ostream* dry_run_out = nullptr; ///< where --dry-run prints the events
  SenderOptions sender;                ///< endpoint is filled in from `url`
};

struct ExportSummary {
  int exit_code = 0; ///< 0 ok; 1 something failed or is still pending; 2 nothing done
  std::string error; ///< why nothing was done
  std::string destination;
  int64_t runs = 0;                       ///< executions turned into events this time
  std::map<std::string, int64_t> by_type; ///< events built this time, per eventType
  int64_t written = 0;                    ///< --out / --dry-run: events written
  int64_t to_send = 0;                    ///< --url: new and pending events
  SendResult send;                        ///< --url
  bool dry_run = false;
  bool to_file = false; ///< --out
  double seconds = 0;
};

/// The whole export: every stored final data statement (since `since`) as OpenLineage
/// RunEvents. With `url`, events not yet recorded for that endpoint are recorded in the
/// outbox first, then every pending one is POSTed and marked done after its 2xx; a re-run
/// sends only what is new or still pending. With `out_file`, every selected event is written.
ExportSummary run_export(const ExportOptions& options, store::Store& store);

std::string summary_text(const ExportSummary& s);

} // namespace athena::openlineage
