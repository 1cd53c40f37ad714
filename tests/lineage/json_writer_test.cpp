// JsonWriter: commas, nesting and indentation, and the (key, value) shorthands the sinks use.
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "lineage/json_writer.h"

namespace athena::lineage {
namespace {

TEST(JsonWriterValues, NestingCommasAndScalars) {
  std::string out;
  JsonWriter w(out, false);
  w.begin_object();
  w.member("s", "a\"b");
  w.member_int("min", std::numeric_limits<int64_t>::min());
  w.member_bool("t", true);
  w.key("n");
  w.null();
  w.key("share");
  w.fixed(0.25, 6);
  w.key("big");
  w.fixed(0x1p240, 1); // past the writer's stack buffer
  w.key("empty");
  w.begin_array();
  w.end_array();
  w.key("nested");
  w.begin_array();
  w.begin_array();
  w.string("x");
  w.string("y");
  w.end_array();
  w.begin_object();
  w.end_object();
  w.raw_value(R"({"k":[1,2]})");
  w.end_array();
  w.end_object();
  EXPECT_EQ(out,
            R"({"s":"a\"b","min":-9223372036854775808,"t":true,"n":null,"share":0.250000,)"
            R"("big":1766847064778384329583297500742918515827483896875618958121606201292619776.0,)"
            R"("empty":[],"nested":[["x","y"],{},{"k":[1,2]}]})");
}

TEST(JsonWriterValues, ShortestDoublesTimesAndOneLineObjects) {
  std::string out;
  JsonWriter w(out, false);
  w.begin_array();
  w.number(0.1);
  w.number(2.5);
  w.number(12);
  w.number(1e21);
  w.number(std::numeric_limits<double>::quiet_NaN());
  w.number(std::numeric_limits<double>::infinity());
  w.end_array();
  EXPECT_EQ(out, "[0.1,2.5,12,1e+21,null,null]");
  EXPECT_EQ(json_object("at", JsonWriter::Time{0}, "never", JsonWriter::Time{}, "cost", 0.00976,
                        "token", JsonWriter::IfSet{""}, "ids", std::vector<std::string>{"a"}),
            R"({"at":"1970-01-01T00:00:00.000Z","never":null,"cost":0.00976,"ids":["a"]})");
  EXPECT_EQ(json_object(), "{}");
}

TEST(JsonWriterValues, PrettyIndentsFromTheBase) {
  std::string out;
  JsonWriter w(out, true, 1);
  w.begin_object();
  w.member("a", "b");
  w.key("list");
  w.strings({"x"});
  w.key("none");
  w.begin_object();
  w.end_object();
  w.end_object();
  EXPECT_EQ(out,
            "{\n    \"a\": \"b\",\n    \"list\": [\n      \"x\"\n    ],\n    \"none\": {}\n  }");
}

TEST(JsonWriterValues, FieldsTakeEachValueKind) {
  std::string out;
  JsonWriter w(out, false);
  const std::string text = "t";
  const std::vector<std::string> list = {"p", "q"};
  const size_t count = 3;
  w.object("str", text, "lit", "l", "view", std::string_view("v"), "int", 7, "size", count, "bool",
           false, "raw", JsonWriter::Raw{"1.50000"}, "fixed", JsonWriter::Fixed{1.0 / 3, 3}, "null",
           JsonWriter::OrNull{""}, "day", JsonWriter::OrNull{"2025-01-15"}, "skipped",
           JsonWriter::IfSet{""}, "kept", JsonWriter::IfSet{"k"}, "unset", std::optional<int64_t>(),
           "set", std::optional<int64_t>(12), "list", list);
  EXPECT_EQ(out, R"({"str":"t","lit":"l","view":"v","int":7,"size":3,"bool":false,"raw":1.50000,)"
                 R"("fixed":0.333,"null":null,"day":"2025-01-15","kept":"k","set":12,)"
                 R"("list":["p","q"]})");
}

TEST(JsonWriterValues, ObjectsAndArraysOfObjects) {
  std::string out;
  JsonWriter w(out, false);
  const std::map<std::string, int64_t> counts = {{"a", 1}, {"b", 2}};
  w.begin_object();
  w.member_object("window", "since", JsonWriter::OrNull{""});
  w.member_object("nothing");
  w.member_objects("rows", counts,
                   [&w](const auto& kv) { w.fields("k", kv.first, "n", kv.second); });
  w.member_objects("none", std::vector<int>{}, [](int) {});
  w.end_object();
  EXPECT_EQ(out,
            R"({"window":{"since":null},"nothing":{},"rows":[{"k":"a","n":1},{"k":"b","n":2}],)"
            R"("none":[]})");
}

} // namespace
} // namespace athena::lineage
