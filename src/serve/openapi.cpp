// The OpenAPI 3.0 description of the API (api_routes.cpp). A test checks that it parses and
// names every route.
#include "src/serve/openapi.h"

namespace athena::serve {

namespace {

constexpr std::string_view kOpenApi = R"json({
  "openapi": "3.0.3",
  "info": {
    "title": "athena-lineage serve",
    "version": "1",
    "description": "Read-only lineage and usage of Amazon Athena queries, from the athena-lineage database. Names are as the CLI prints them: catalog.schema.table (the catalog may be left out for awsdatacatalog), s3://bucket/prefix/ for locations, TABLE.column for columns; a name in a path may contain slashes and dots. Times are ISO-8601 UTC, days YYYY-MM-DD. With --token-env every request needs 'Authorization: Bearer <token>'. Errors are {\"error\": {\"status\", \"message\"}}: 400 for a bad parameter, 401 without the token, 404 for an unknown name or path, 405 for a method other than GET."
  },
  "security": [{"bearer": []}],
  "paths": {
    "/api/openapi.json": {
      "get": {
        "summary": "This description",
        "responses": {"200": {"description": "The OpenAPI 3 document", "content": {"application/json": {"schema": {"type": "object"}}}}}
      }
    },
    "/api/search": {
      "get": {
        "summary": "Tables, views, S3 locations and columns whose name contains q (case-insensitive), exact matches first, then prefix, then substring",
        "parameters": [
          {"name": "q", "in": "query", "required": true, "schema": {"type": "string", "minLength": 1}},
          {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 200, "default": 20}}
        ],
        "responses": {
          "200": {"description": "Ranked matches", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SearchResult"}}}},
          "400": {"$ref": "#/components/responses/Error"}
        }
      }
    },
    "/api/tables": {
      "get": {
        "summary": "Every table and location with its all-time usage, sorted",
        "parameters": [
          {"name": "sort", "in": "query", "schema": {"type": "string", "enum": ["queries", "users", "cost"], "default": "queries"}},
          {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 1000, "default": 50}},
          {"name": "offset", "in": "query", "schema": {"type": "integer", "minimum": 0, "default": 0}}
        ],
        "responses": {
          "200": {"description": "A page of tables", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/TableList"}}}},
          "400": {"$ref": "#/components/responses/Error"}
        }
      }
    },
    "/api/tables/{name}": {
      "get": {
        "summary": "A table page: usage, users, workgroups, columns with their reads per clause, top query shapes with full SQL, and one hop of lineage each way",
        "parameters": [{"$ref": "#/components/parameters/Name"}],
        "responses": {
          "200": {"description": "The table", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/TablePage"}}}},
          "404": {"$ref": "#/components/responses/Error"}
        }
      }
    },
    "/api/tables/{name}/usage": {
      "get": {
        "summary": "A table's usage per day (a location named .../usage is reached with its trailing slash)",
        "parameters": [
          {"$ref": "#/components/parameters/Name"},
          {"name": "since", "in": "query", "schema": {"type": "string", "format": "date"}},
          {"name": "until", "in": "query", "schema": {"type": "string", "format": "date"}}
        ],
        "responses": {
          "200": {"description": "Days with usage or failures, oldest first", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/TableUsage"}}}},
          "400": {"$ref": "#/components/responses/Error"},
          "404": {"$ref": "#/components/responses/Error"}
        }
      }
    },
    "/api/lineage/{name}": {
      "get": {
        "summary": "Lineage graph around a table or location (or, with columns=true, around a column or all of a table's columns)",
        "parameters": [
          {"$ref": "#/components/parameters/Name"},
          {"$ref": "#/components/parameters/Direction"},
          {"name": "depth", "in": "query", "description": "Hops to follow, -1 for any", "schema": {"type": "integer", "minimum": -1, "maximum": 50, "default": 1}},
          {"name": "columns", "in": "query", "schema": {"type": "boolean", "default": false}}
        ],
        "responses": {
          "200": {"description": "Nodes and edges (at most 2000 nodes; truncated says when more were left out)", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Lineage"}}}},
          "400": {"$ref": "#/components/responses/Error"},
          "404": {"$ref": "#/components/responses/Error"}
        }
      }
    },
    "/api/columns/{name}/lineage": {
      "get": {
        "summary": "Column lineage of one column, with each edge's transform and value/condition marking",
        "parameters": [
          {"$ref": "#/components/parameters/Name"},
          {"$ref": "#/components/parameters/Direction"},
          {"name": "depth", "in": "query", "description": "Hops to follow, -1 for any", "schema": {"type": "integer", "minimum": -1, "maximum": 50, "default": -1}}
        ],
        "responses": {
          "200": {"description": "Nodes and edges", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Lineage"}}}},
          "400": {"$ref": "#/components/responses/Error"},
          "404": {"$ref": "#/components/responses/Error"}
        }
      }
    },
    "/api/impact/{name}": {
      "get": {
        "summary": "What breaks if a table or column changes: every downstream table and column at any depth, with when each edge was last seen",
        "parameters": [{"$ref": "#/components/parameters/Name"}],
        "responses": {
          "200": {"description": "The downstream table graph and column graph (for a column: the tables holding its downstream columns, without table edges)", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Impact"}}}},
          "404": {"$ref": "#/components/responses/Error"}
        }
      }
    },
    "/api/edges/queries": {
      "get": {
        "summary": "The queries that made a lineage edge, latest first",
        "parameters": [
          {"name": "from", "in": "query", "required": true, "schema": {"type": "string"}},
          {"name": "to", "in": "query", "required": true, "schema": {"type": "string"}},
          {"name": "columns", "in": "query", "description": "from and to are columns", "schema": {"type": "boolean", "default": false}},
          {"name": "transform", "in": "query", "description": "Column edges: only this transform", "schema": {"type": "string", "enum": ["identity", "expression", "aggregation", "window", "constant"]}},
          {"name": "marking", "in": "query", "description": "Column edges: only value or only condition edges", "schema": {"type": "string", "enum": ["value", "condition"]}},
          {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 500, "default": 20}}
        ],
        "responses": {
          "200": {"description": "The edge's queries", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/EdgeQueries"}}}},
          "400": {"$ref": "#/components/responses/Error"},
          "404": {"$ref": "#/components/responses/Error"}
        }
      }
    },
    "/api/graph.svg": {
      "get": {
        "summary": "The lineage graph laid out by Graphviz as SVG, for the explorer page: each node a <g class=\"node\"> with data-name, data-kind (table|view|s3|column), data-table, data-queries-in and data-queries-out; each edge a <g class=\"edge\"> with data-from, data-to, data-queries, data-transforms, data-condition and data-last-seen",
        "parameters": [
          {"name": "name", "in": "query", "required": true, "description": "The start: a table or location, or with columns=true a column or a table (all its columns)", "schema": {"type": "string"}},
          {"name": "direction", "in": "query", "schema": {"type": "string", "enum": ["up", "down", "both"], "default": "both"}},
          {"name": "depth", "in": "query", "schema": {"type": "integer", "minimum": 0, "maximum": 10, "default": 1}},
          {"name": "columns", "in": "query", "schema": {"type": "boolean", "default": false}},
          {"name": "up", "in": "query", "description": "Nodes also expanded one hop upstream (repeatable)", "schema": {"type": "array", "items": {"type": "string"}}, "explode": true},
          {"name": "down", "in": "query", "description": "Nodes also expanded one hop downstream (repeatable)", "schema": {"type": "array", "items": {"type": "string"}}, "explode": true},
          {"name": "collapse", "in": "query", "description": "Nodes whose far side is hidden (repeatable)", "schema": {"type": "array", "items": {"type": "string"}}, "explode": true}
        ],
        "responses": {
          "200": {"description": "An SVG document (at most 2000 nodes)", "content": {"image/svg+xml": {"schema": {"type": "string"}}}},
          "400": {"$ref": "#/components/responses/Error"},
          "404": {"$ref": "#/components/responses/Error"}
        }
      }
    },
    "/api/queries/{fingerprint}": {
      "get": {
        "summary": "A query shape (fingerprint as the report prints it) with its executions, latest first: full SQL, ids, when, who",
        "parameters": [
          {"name": "fingerprint", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^[0-9a-fA-F]{16}$"}},
          {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 500, "default": 20}}
        ],
        "responses": {
          "200": {"description": "The shape", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/QueryShape"}}}},
          "400": {"$ref": "#/components/responses/Error"},
          "404": {"$ref": "#/components/responses/Error"}
        }
      }
    }
  },
  "components": {
    "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer", "description": "Only when the server was started with --token-env"}},
    "parameters": {
      "Name": {"name": "name", "in": "path", "required": true, "description": "Table, location or column name (may contain / and .)", "schema": {"type": "string"}},
      "Direction": {"name": "direction", "in": "query", "schema": {"type": "string", "enum": ["up", "down", "both"], "default": "both"}}
    },
    "responses": {
      "Error": {"description": "Bad parameter, unknown name or path", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    },
    "schemas": {
      "Error": {
        "type": "object", "required": ["error"],
        "properties": {"error": {"type": "object", "required": ["status", "message"], "properties": {"status": {"type": "integer"}, "message": {"type": "string"}}}}
      },
      "Kind": {"type": "string", "enum": ["table", "view", "s3"]},
      "Day": {"type": "string", "format": "date", "nullable": true},
      "Time": {"type": "string", "format": "date-time", "nullable": true},
      "SearchResult": {
        "type": "object",
        "properties": {
          "q": {"type": "string"}, "total": {"type": "integer"},
          "results": {"type": "array", "items": {"type": "object", "properties": {
            "name": {"type": "string"}, "kind": {"type": "string", "enum": ["table", "view", "s3", "column"]},
            "table": {"type": "string", "description": "columns only"}, "table_kind": {"$ref": "#/components/schemas/Kind"},
            "match": {"type": "string", "enum": ["exact", "prefix", "substring"]}}}}
        }
      },
      "Stats": {
        "type": "object",
        "properties": {
          "queries": {"type": "integer", "description": "SUCCEEDED data statements reading or writing it, counted once per day"},
          "users": {"type": "integer"}, "bytes_scanned": {"type": "integer"}, "cost_usd": {"type": "number"},
          "failures": {"type": "integer"}, "first_seen": {"$ref": "#/components/schemas/Day"}, "last_seen": {"$ref": "#/components/schemas/Day"}
        }
      },
      "TableList": {
        "type": "object",
        "properties": {
          "sort": {"type": "string"}, "limit": {"type": "integer"}, "offset": {"type": "integer"}, "total": {"type": "integer"},
          "tables": {"type": "array", "items": {"allOf": [{"$ref": "#/components/schemas/Stats"}, {"type": "object", "properties": {"name": {"type": "string"}, "kind": {"$ref": "#/components/schemas/Kind"}}}]}}
        }
      },
      "TablePage": {
        "allOf": [{"$ref": "#/components/schemas/Stats"}, {"type": "object", "properties": {
          "name": {"type": "string"}, "kind": {"$ref": "#/components/schemas/Kind"},
          "top_users": {"type": "array", "items": {"type": "object", "properties": {"user": {"type": "string"}, "queries": {"type": "integer"}}}},
          "workgroups": {"type": "array", "items": {"type": "object", "properties": {"workgroup": {"type": "string"}, "queries": {"type": "integer"}}}},
          "columns": {"type": "array", "items": {"type": "object", "properties": {"name": {"type": "string"}, "reads": {"type": "integer"}, "clauses": {"type": "object", "additionalProperties": {"type": "integer"}, "description": "reads per clause: select, where, join, group_by, having, order_by, window, other"}}}},
          "top_queries": {"type": "array", "items": {"type": "object", "properties": {"fingerprint": {"type": "string"}, "runs": {"type": "integer"}, "shape": {"type": "string", "description": "the SQL with literals masked"}, "example_query_id": {"type": "string"}, "example_sql": {"type": "string", "description": "the latest execution's full SQL"}}}},
          "upstream": {"type": "array", "items": {"$ref": "#/components/schemas/Edge"}},
          "downstream": {"type": "array", "items": {"$ref": "#/components/schemas/Edge"}}}}]
      },
      "TableUsage": {
        "allOf": [{"$ref": "#/components/schemas/Stats"}, {"type": "object", "properties": {
          "name": {"type": "string"}, "since": {"type": "string"}, "until": {"type": "string"},
          "days": {"type": "array", "items": {"type": "object", "properties": {"day": {"type": "string", "format": "date"}, "queries": {"type": "integer"}, "users": {"type": "integer"}, "bytes_scanned": {"type": "integer"}, "cost_usd": {"type": "number"}, "failures": {"type": "integer"}}}}}}]
      },
      "Node": {
        "type": "object",
        "properties": {
          "name": {"type": "string"}, "kind": {"type": "string", "enum": ["table", "view", "s3", "column"]},
          "table": {"type": "string", "description": "columns only"}, "table_kind": {"$ref": "#/components/schemas/Kind"},
          "depth": {"type": "integer", "description": "fewest hops from the start"},
          "side": {"type": "string", "enum": ["start", "upstream", "downstream", "both"]}
        }
      },
      "Edge": {
        "type": "object",
        "properties": {
          "from": {"type": "string"}, "from_kind": {"$ref": "#/components/schemas/Kind"},
          "from_table": {"type": "string", "description": "column edges"}, "from_table_kind": {"$ref": "#/components/schemas/Kind"},
          "to": {"type": "string"}, "to_kind": {"$ref": "#/components/schemas/Kind"},
          "to_table": {"type": "string", "description": "column edges"}, "to_table_kind": {"$ref": "#/components/schemas/Kind"},
          "transform": {"type": "string", "description": "column edges: identity, expression, aggregation, window or constant"},
          "marking": {"type": "string", "enum": ["value", "condition"], "description": "column edges: the source reaches the target as a value or only through a condition"},
          "queries": {"type": "integer", "description": "SUCCEEDED queries with the edge"},
          "first_seen": {"$ref": "#/components/schemas/Time"}, "last_seen": {"$ref": "#/components/schemas/Time"},
          "last_query_id": {"type": "string"}
        }
      },
      "Graph": {
        "type": "object",
        "properties": {"nodes": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}}, "edges": {"type": "array", "items": {"$ref": "#/components/schemas/Edge"}}}
      },
      "Lineage": {
        "allOf": [{"$ref": "#/components/schemas/Graph"}, {"type": "object", "properties": {
          "start": {"type": "string"}, "kind": {"type": "string"}, "direction": {"type": "string"}, "depth": {"type": "integer"},
          "columns": {"type": "boolean"}, "truncated": {"type": "boolean"}}}]
      },
      "Impact": {
        "type": "object",
        "properties": {
          "start": {"type": "string"}, "kind": {"type": "string"},
          "tables": {"$ref": "#/components/schemas/Graph"}, "columns": {"$ref": "#/components/schemas/Graph"},
          "truncated": {"type": "boolean"}
        }
      },
      "Run": {
        "type": "object",
        "properties": {
          "id": {"type": "string"}, "state": {"type": "string"}, "submitted": {"$ref": "#/components/schemas/Time"},
          "user": {"type": "string"}, "workgroup": {"type": "string"}, "statement_kind": {"type": "string"},
          "fingerprint": {"type": "string"}, "bytes_scanned": {"type": "integer"}, "sql": {"type": "string"}
        }
      },
      "EdgeQueries": {
        "type": "object",
        "properties": {"from": {"type": "string"}, "to": {"type": "string"}, "columns": {"type": "boolean"}, "total": {"type": "integer"}, "queries": {"type": "array", "items": {"$ref": "#/components/schemas/Run"}}}
      },
      "QueryShape": {
        "type": "object",
        "properties": {
          "fingerprint": {"type": "string"}, "shape": {"type": "string"}, "runs": {"type": "integer"}, "succeeded": {"type": "integer"},
          "failures": {"type": "integer"}, "bytes_scanned": {"type": "integer"}, "cost_usd": {"type": "number"},
          "queries": {"type": "array", "items": {"$ref": "#/components/schemas/Run"}}
        }
      }
    }
  }
}
)json";

} // namespace

std::string_view openapi_json() {
  return kOpenApi;
}

} // namespace athena::serve
