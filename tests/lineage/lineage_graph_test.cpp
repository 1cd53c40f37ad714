#include <gtest/gtest.h>

#include "lineage/json_writer.h"
#include "lineage/lineage_graph.h"

namespace athena::lineage {
namespace {

EdgeObservation obs(std::string q, int64_t t, bool condition = false) {
  return EdgeObservation{std::move(q), t, "", condition};
}

std::vector<std::string> names(const Subgraph& g) {
  std::vector<std::string> out;
  for (const auto& n : g.nodes)
    out.push_back(n.name + "@" + std::to_string(n.depth));
  return out;
}

class LineageGraphTest : public ::testing::Test {
protected:
  void SetUp() override {
    // raw.a -> stg.b -> mart.c -> s3://x/ ; raw.d -> stg.b ; mart.c -> stg.b (a cycle)
    g.add_edge("raw.a", "stg.b", NodeKind::kTable, obs("q1", 1000));
    g.add_edge("raw.d", "stg.b", NodeKind::kTable, obs("q1", 1000));
    g.add_edge("stg.b", "mart.c", NodeKind::kTable, obs("q2", 2000));
    g.add_edge("stg.b", "mart.c", NodeKind::kTable, obs("q3", 500));
    g.add_edge("mart.c", "stg.b", NodeKind::kTable, obs("q4", 3000, true));
    g.add_node("s3://x/", NodeKind::kLocation);
    g.add_edge("mart.c", "s3://x/", NodeKind::kTable, obs("q5", 4000));
  }
  LineageGraph g;
};

TEST_F(LineageGraphTest, MergesRepeatedEdges) {
  EXPECT_EQ(g.node_count(), 5U);
  EXPECT_EQ(g.edge_count(), 5U);
  auto edges = g.edges();
  ASSERT_EQ(edges.size(), 5U);
  EXPECT_EQ(edges[4].from, "stg.b");
  EXPECT_EQ(edges[4].to, "mart.c");
  EXPECT_EQ(edges[4].queries, (std::vector<std::string>{"q2", "q3"}));
  EXPECT_EQ(edges[4].first_seen_ms, 500);
  EXPECT_EQ(edges[4].last_seen_ms, 2000);
  EXPECT_EQ(g.kind_of("s3://x/"), NodeKind::kLocation);
}

TEST_F(LineageGraphTest, DownstreamHandlesCycles) {
  auto sub = g.traverse("raw.a", {Direction::kDownstream, -1, false});
  ASSERT_TRUE(sub.has_value());
  EXPECT_EQ(names(*sub), (std::vector<std::string>{"raw.a@0", "stg.b@1", "mart.c@2", "s3://x/@3"}));
  EXPECT_EQ(sub->queries, (std::vector<std::string>{"q1", "q2", "q3", "q4", "q5"}));
}

TEST_F(LineageGraphTest, UpstreamWithDepthLimit) {
  auto sub = g.traverse("mart.c", {Direction::kUpstream, 1, false});
  ASSERT_TRUE(sub.has_value());
  EXPECT_EQ(names(*sub), (std::vector<std::string>{"mart.c@0", "stg.b@1"}));
  ASSERT_EQ(sub->edges.size(), 1U);
  EXPECT_EQ(sub->edges[0].from, "stg.b");
  EXPECT_EQ(sub->edges[0].to, "mart.c");
}

TEST_F(LineageGraphTest, ValuesOnlySkipsConditionEdges) {
  auto sub = g.traverse("mart.c", {Direction::kDownstream, -1, true});
  ASSERT_TRUE(sub.has_value());
  EXPECT_EQ(names(*sub), (std::vector<std::string>{"mart.c@0", "s3://x/@1"}));
}

TEST_F(LineageGraphTest, WholeGraphHasEveryNodeEdgeAndQuery) {
  Subgraph all = g.whole();
  EXPECT_EQ(names(all),
            (std::vector<std::string>{"raw.a@0", "stg.b@0", "raw.d@0", "mart.c@0", "s3://x/@0"}));
  EXPECT_EQ(all.edges.size(), 5U);
  EXPECT_EQ(all.queries, (std::vector<std::string>{"q1", "q2", "q3", "q4", "q5"}));
}

TEST_F(LineageGraphTest, UnknownStartIsNullopt) {
  EXPECT_FALSE(g.traverse("nope", {}).has_value());
}

TEST_F(LineageGraphTest, JsonAndDotExport) {
  auto sub = g.traverse("stg.b", {Direction::kDownstream, 1, false});
  ASSERT_TRUE(sub.has_value());
  EXPECT_EQ(
      subgraph_to_json(*sub),
      R"({"start":"stg.b","direction":"downstream","nodes":[{"name":"stg.b","kind":"table","depth":0},)"
      R"({"name":"mart.c","kind":"table","depth":1}],"edges":[{"from":"stg.b","to":"mart.c",)"
      R"("queries":["q2","q3"],"first_seen":"1970-01-01T00:00:00.500Z","last_seen":"1970-01-01T00:00:02.000Z",)"
      R"("transforms":[],"condition_only":false}],"queries":["q2","q3"]})");
  EXPECT_EQ(subgraph_to_dot(*sub),
            "digraph lineage {\n  rankdir=LR;\n  node [fontname=\"Helvetica\"];\n"
            "  n0 [label=\"stg.b\", shape=box, style=bold];\n"
            "  n1 [label=\"mart.c\", shape=box];\n"
            "  n0 -> n1;\n}\n");
}

TEST(JsonWriter, EscapesAndRepairsUtf8) {
  EXPECT_EQ(json_string("a\"b\\c\n\x01"), "\"a\\\"b\\\\c\\n\\u0001\"");
  EXPECT_EQ(json_string("caf\xC3\xA9"), "\"caf\xC3\xA9\"");
  EXPECT_EQ(json_string("bad\xFF"), "\"bad\xEF\xBF\xBD\"");
  EXPECT_EQ(json_string("\xED\xA0\x80"), "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");
}

/// The stored-record policy copies bytes that are not UTF-8 as they are (decoding gives back
/// the exact input) and escapes everything else exactly as the replacing policy does.
TEST(JsonWriter, KeepPolicyCopiesInvalidUtf8AndEscapesTheSame) {
  std::string out;
  append_json_string(out, "bad\xFF \xED\xA0\x80 caf\xC3\xA9 \x7F", InvalidUtf8::kKeep);
  EXPECT_EQ(out, "\"bad\xFF \xED\xA0\x80 caf\xC3\xA9 \x7F\"");
  out.clear();
  append_json_string(out, "bad\xFF", InvalidUtf8::kReplace);
  EXPECT_EQ(out, "\"bad\xEF\xBF\xBD\"");
  const std::string controls = "a\"b\\c\n\r\t\b\f\x01\x1F";
  std::string keep, replace;
  append_json_string(keep, controls, InvalidUtf8::kKeep);
  append_json_string(replace, controls, InvalidUtf8::kReplace);
  EXPECT_EQ(keep, "\"a\\\"b\\\\c\\n\\r\\t\\b\\f\\u0001\\u001f\"");
  EXPECT_EQ(replace, keep);
}

TEST(JsonWriter, Iso8601) {
  EXPECT_EQ(iso8601_utc(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(iso8601_utc(1736933400123), "2025-01-15T09:30:00.123Z");
  EXPECT_EQ(iso8601_utc(951782400000), "2000-02-29T00:00:00.000Z");
  EXPECT_EQ(iso8601_utc(-1), "1969-12-31T23:59:59.999Z");
}

} // namespace
} // namespace athena::lineage
