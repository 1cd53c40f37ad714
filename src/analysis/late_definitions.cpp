// Stored queries derived again when a later run brings what they named (late_definitions.h).
#include "src/analysis/late_definitions.h"

#include <algorithm>
#include <cstdlib>
#include <span>

#include "parser/parser.h"
#include "src/model/names.h"
#include "src/store/late_queries.h"
#include "src/store/reanalyze.h"
#include "src/store/stored_definitions.h"

namespace athena::analysis {

namespace {

/// Records analyzed and stored per transaction.
constexpr size_t kChunk = 64;

std::string text_of(const lineage::QualifiedName& q) {
  return model::TableName{q.catalog, q.schema, q.table, false}.text();
}

bool same_schema(const lineage::TableSchema& a, const lineage::TableSchema& b) {
  return a.name == b.name && a.columns == b.columns && a.is_view == b.is_view &&
         a.location == b.location;
}

/// Test hook: ATHENA_LINEAGE_TEST_KILL_REDERIVE=K ends the process (as a kill would) once K
/// queued records have been handed to the analysis. 0 when unset.
uint64_t kill_after() {
  const char* v = std::getenv("ATHENA_LINEAGE_TEST_KILL_REDERIVE");
  return v != nullptr ? std::strtoull(v, nullptr, 10) : 0;
}

/// The keys of the stored EXECUTEs of a name prepared anew, from its earliest new PREPARE on.
util::Status executes_of(const LateDefinitions& late, store::Store& store,
                         std::vector<int64_t>& keys) {
  sql::ParseOptions hive; // as the analysis parses
  hive.dialect = sql::Dialect::kHive;
  for (const auto& [key, from_ms] : late.new_prepares()) {
    const auto& [workgroup, name] = key;
    auto found = store::stored_executes(store, workgroup, from_ms, late.last_key());
    if (!found) return util::Error{found.error()};
    for (const store::KeyedText& t : *found) {
      const sql::ParseResult parsed = sql::parse(t.text, hive);
      for (const auto& ps : parsed.statements()) {
        const auto* exec = ps.ok() ? ps.ast->dyn<sql::Execute>() : nullptr;
        if (exec != nullptr && exec->immediate == nullptr && exec->name.name() == name) {
          keys.push_back(t.q);
          break;
        }
      }
    }
  }
  return {};
}

/// Analyzes and stores one chunk of queued records.
util::Status store_again(std::vector<model::QueryRecord>& records, const AnalysisContext& context,
                         DbtRelations& dbt, const std::function<void(model::QueryFacts&)>& filter,
                         store::Store& store) {
  std::vector<store::AnalyzedQuery> batch;
  batch.reserve(records.size());
  for (model::QueryRecord& r : records) {
    model::QueryFacts facts = analyze_query(r, context);
    batch.push_back({std::move(r), std::move(facts)});
  }
  records.clear();
  dbt.attribute(batch);
  if (filter) {
    for (auto& q : batch)
      filter(q.facts);
  }
  store::InsertStats stats;
  if (util::Status begun = store.begin_group(); !begun) return begun;
  if (util::Status stored = store.insert_batch(batch, &stats); !stored) return stored;
  return store.commit_group();
}

} // namespace

bool defines_something(std::string_view sql) {
  sql::ParseOptions hive; // as the schema pass parses
  hive.dialect = sql::Dialect::kHive;
  return defines_something(sql::parse(sql, hive));
}

bool defines_something(const sql::ParseResult& parsed) {
  for (const auto& ps : parsed.statements()) {
    if (!ps.ok()) return true; // undecided: replayed, as before
    if (ps.ast->dyn<sql::Drop>() != nullptr || ps.ast->dyn<sql::Deallocate>() != nullptr) continue;
    if (const auto* alter = ps.ast->dyn<sql::AlterTable>()) {
      bool changes = false;
      for (const sql::AlterAction* act : alter->actions) {
        changes = changes || act->action == sql::AlterKind::kRenameTo ||
                  act->action == sql::AlterKind::kAddColumn ||
                  act->action == sql::AlterKind::kAddColumns ||
                  act->action == sql::AlterKind::kReplaceColumns;
      }
      if (!changes) continue;
    }
    return true;
  }
  return false;
}

std::optional<bool> LateDefinitions::judgement(const std::string& id,
                                               const std::set<std::string>& rederived) const {
  if (auto it = judged_.find(id); it != judged_.end()) return it->second;
  // Derived again: a stored definition was replayed; another may never have been judged.
  if (rederived.contains(id)) {
    if (stored_ids_.contains(id)) return true;
    return std::nullopt;
  }
  return false; // met by the schema pass, whose first word defines nothing
}

void LateDefinitions::set_stored(std::set<std::string> ids, int64_t last_key) {
  stored_ids_ = std::move(ids);
  last_key_ = last_key;
}

void LateDefinitions::prepared(const model::QueryRecord& r, std::string name) {
  if (stored(r)) return;
  new_ids_.insert(r.id);
  const int64_t t = r.submission_ms.value_or(0);
  auto [it, added] = prepares_.try_emplace({r.workgroup, std::move(name)}, t);
  if (!added) it->second = std::min(it->second, t);
}

void LateDefinitions::put(lineage::SchemaCatalog& catalog, lineage::TableSchema schema,
                          const model::QueryRecord& r, const std::vector<std::string>& reads) {
  const std::string key = text_of(schema.name);
  if (!before_.contains(key)) {
    const lineage::TableSchema* was = catalog.find(schema.name);
    before_.emplace(key, was != nullptr ? std::optional(*was) : std::nullopt);
  }
  const lineage::QualifiedName name = schema.name;
  catalog.put(std::move(schema));
  if (!stored(r)) {
    new_ids_.insert(r.id);
    new_tables_.insert_or_assign(key, name);
    return;
  }
  if (const lineage::TableSchema* now = catalog.find(name))
    stored_only_.insert_or_assign(key, *now);
  stored_reads_.emplace_back(key, reads);
}

std::vector<std::string>
LateDefinitions::changed_tables(const lineage::SchemaCatalog& catalog) const {
  std::set<std::string> changed;
  for (const auto& [key, name] : new_tables_) {
    const lineage::TableSchema* now = catalog.find(name);
    const lineage::TableSchema* was = nullptr;
    if (auto it = stored_only_.find(key); it != stored_only_.end()) {
      was = &it->second;
    } else if (auto b = before_.find(key); b != before_.end() && b->second) {
      was = &*b->second;
    }
    if (was == nullptr || now == nullptr || !same_schema(*was, *now)) changed.insert(key);
  }
  // A stored definition that reads a changed table may define another schema now (a view
  // over a view defined late).
  for (bool grew = !changed.empty(); grew;) {
    grew = false;
    for (const auto& [defined, reads] : stored_reads_) {
      if (changed.contains(defined)) continue;
      if (std::any_of(reads.begin(), reads.end(),
                      [&](const std::string& t) { return changed.contains(t); })) {
        changed.insert(defined);
        grew = true;
      }
    }
  }
  return {changed.begin(), changed.end()};
}

util::Status take_out_late(LateDefinitions& late, const lineage::SchemaCatalog& catalog,
                           store::Store& store) {
  std::vector<int64_t> keys;
  if (late.last_key() > 0) {
    const std::vector<std::string> tables = late.changed_tables(catalog);
    if (!tables.empty()) {
      auto found = store::queries_naming_tables(store, tables, late.last_key());
      if (!found) return util::Error{found.error()};
      keys = std::move(*found);
    }
    if (util::Status s = executes_of(late, store, keys); !s) return s;
  }
  store::Reanalysis queue(store);
  const std::vector<std::string> pending(late.new_ids_.begin(), late.new_ids_.end());
  const util::Result<store::ReanalysisQueue> begun = queue.begin_keys(keys, pending);
  if (!begun) return util::Error{begun.error()};
  late.resumed_ = begun->resumed;
  if (begun->queued > 0) {
    auto ids = store::queued_ids(store);
    if (!ids) return util::Error{ids.error()};
    late.queued_ids_.insert(ids->begin(), ids->end());
  }
  return {};
}

util::Status rederive_late(const LateDefinitions& late, const AnalysisContext& context,
                           DbtRelations& dbt, const std::function<void(model::QueryFacts&)>& filter,
                           store::Store& store, uint64_t& rederived) {
  std::set<std::string> rederived_ids;
  // The run's rows (and those derived again) are judged as definitions from the schema pass.
  auto judge = [&] {
    return store::record_judgements(store, late.last_key(), [&](const std::string& id) {
      return late.judgement(id, rederived_ids);
    });
  };
  auto done = [&]() -> util::Status {
    if (util::Status s = judge(); !s) return s;
    return store::clear_pending_definitions(store);
  };
  store::Reanalysis queue(store);
  // In submission order, as one analysis of the whole history meets them.
  std::vector<model::QueryRecord> records;
  if (util::Status s =
          queue.replay(false, [&](model::QueryRecord&& r) { records.push_back(std::move(r)); });
      !s) {
    return s;
  }
  std::stable_sort(records.begin(), records.end(), [](const auto& a, const auto& b) {
    return a.submission_ms.value_or(0) < b.submission_ms.value_or(0);
  });
  for (const model::QueryRecord& r : records)
    rederived_ids.insert(r.id);
  const uint64_t kill = kill_after();
  std::vector<model::QueryRecord> chunk;
  for (size_t i = 0; i < records.size(); ++i) {
    if (kill != 0 && rederived + chunk.size() >= kill) std::_Exit(137);
    chunk.push_back(std::move(records[i]));
    if (chunk.size() == kChunk || i + 1 == records.size()) {
      const size_t n = chunk.size();
      if (util::Status s = store_again(chunk, context, dbt, filter, store); !s) return s;
      rederived += n;
    }
  }
  if (records.empty()) return done();
  // A queue `reanalyze` left is finished as it would finish it.
  if (util::Status s = queue.finish_queue(late.resumed_); !s) return s;
  return done();
}

} // namespace athena::analysis
