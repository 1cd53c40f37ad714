// ALTER TABLE / VIEW / SCHEMA / DATABASE, Trino's and Hive's actions.
#include <optional>

#include "parser/parser_impl.h"

namespace athena::sql::detail {

Statement* Parser::parse_alter() {
  const uint32_t begin = tok().begin;
  expect_kw(Kw::kAlter);
  if (accept_kw(Kw::kTable)) return parse_alter_table(begin);
  if (at_kw(Kw::kView) || at_kw(Kw::kMaterialized)) {
    auto* v = make<AlterView>(begin);
    if (accept_kw(Kw::kMaterialized)) v->materialized = true;
    expect_kw(Kw::kView);
    if (at_kw(Kw::kIf)) {
      advance();
      expect_kw(Kw::kExists);
      v->if_exists = true;
    }
    v->name = parse_qualified_name();
    v->action = parse_alter_action();
    return finish(v);
  }
  if (at_kw(Kw::kSchema) || at_kw(Kw::kDatabase)) {
    auto* s = make<AlterSchema>(begin);
    s->database_keyword = at_kw(Kw::kDatabase);
    advance();
    s->name = parse_qualified_name();
    s->action = parse_alter_action();
    return finish(s);
  }
  fail_expected("'TABLE', 'VIEW', 'MATERIALIZED VIEW', 'SCHEMA' or 'DATABASE'");
}

Statement* Parser::parse_alter_table(uint32_t begin) {
  auto* a = make<AlterTable>(begin);
  if (at_kw(Kw::kIf)) {
    advance();
    expect_kw(Kw::kExists);
    a->if_exists = true;
  }
  a->name = parse_qualified_name();
  if (at_kw(Kw::kPartition) && peek().type == Tok::kLParen) {
    size_t m = mark();
    push(parse_partition_spec());
    a->partition = take<PartitionSpec>(m);
  }
  size_t m = mark();
  push(parse_alter_action());
  // Hive allows several partitions in one ADD/DROP; other actions come alone.
  a->actions = take<AlterAction>(m);
  return finish(a);
}

AlterAction* Parser::parse_alter_action() {
  auto* a = make<AlterAction>(tok().begin);
  auto if_not_exists = [&] {
    if (at_kw(Kw::kIf) && peek_kw(1, Kw::kNot)) {
      advance();
      advance();
      expect_kw(Kw::kExists);
      return true;
    }
    return false;
  };
  auto if_exists = [&] {
    if (at_kw(Kw::kIf) && peek_kw(1, Kw::kExists)) {
      advance();
      advance();
      return true;
    }
    return false;
  };
  // (FIRST | AFTER c) after CHANGE COLUMN (Hive, Iceberg); (FIRST | LAST | AFTER c) after
  // ADD COLUMN (Trino).
  auto column_position = [&](bool hive) {
    if (accept_kw(Kw::kFirst)) {
      a->first = true;
    } else if (!hive && accept_kw(Kw::kLast)) {
      a->last = true;
    } else if (accept_kw(Kw::kAfter)) {
      std::optional<HiveNames> names;
      if (hive) names.emplace(*this);
      a->after = parse_identifier();
    }
  };
  auto column_list = [&] {
    expect(Tok::kLParen);
    size_t m = mark();
    do {
      push(parse_column_def(true));
    } while (accept(Tok::kComma));
    expect(Tok::kRParen);
    return take<ColumnDef>(m);
  };
  if (accept_kw(Kw::kRename)) {
    if (accept_kw(Kw::kColumn)) {
      a->action = AlterKind::kRenameColumn;
      a->if_exists = if_exists();
      a->new_name = parse_qualified_name();
      expect_kw(Kw::kTo);
      a->to_column = parse_identifier();
    } else {
      expect_kw(Kw::kTo);
      if (at_kw(Kw::kPartition)) {
        a->action = AlterKind::kRenamePartition;
        size_t m = mark();
        push(parse_partition_spec());
        a->partitions = take<PartitionSpec>(m);
      } else {
        a->action = AlterKind::kRenameTo;
        a->new_name = parse_qualified_name();
      }
    }
  } else if (accept_kw(Kw::kAdd)) {
    if (accept_kw(Kw::kColumn)) {
      a->action = AlterKind::kAddColumn;
      a->if_not_exists = if_not_exists();
      size_t m = mark();
      push(parse_column_def(false));
      a->columns = take<ColumnDef>(m);
      column_position(false);
    } else if (accept_kw(Kw::kColumns)) {
      a->action = AlterKind::kAddColumns;
      a->columns = column_list();
    } else {
      a->action = AlterKind::kAddPartitions;
      a->if_not_exists = if_not_exists();
      size_t m = mark();
      if (!at_kw(Kw::kPartition)) fail_expected("'COLUMN', 'COLUMNS' or 'PARTITION'");
      while (at_kw(Kw::kPartition))
        push(parse_partition_spec());
      a->partitions = take<PartitionSpec>(m);
    }
  } else if (accept_kw(Kw::kReplace)) {
    expect_kw(Kw::kColumns);
    a->action = AlterKind::kReplaceColumns;
    a->columns = column_list();
  } else if (accept_kw(Kw::kDrop)) {
    if (accept_kw(Kw::kColumn)) {
      a->action = AlterKind::kDropColumn;
      a->if_exists = if_exists();
      a->new_name = parse_qualified_name();
    } else {
      a->action = AlterKind::kDropPartitions;
      a->if_exists = if_exists();
      size_t m = mark();
      if (!at_kw(Kw::kPartition)) fail_expected("'COLUMN' or 'PARTITION'");
      do {
        push(parse_partition_spec());
      } while (accept(Tok::kComma));
      a->partitions = take<PartitionSpec>(m);
      a->purge = accept_kw(Kw::kPurge);
    }
  } else if (accept_kw(Kw::kAlter)) {
    expect_kw(Kw::kColumn);
    a->new_name = parse_qualified_name();
    if (accept_kw(Kw::kSet)) {
      expect_kw(Kw::kData);
      expect_kw(Kw::kType);
      a->action = AlterKind::kSetColumnType;
      a->type = parse_type();
    } else {
      expect_kw(Kw::kDrop);
      expect_kw(Kw::kNot);
      expect_kw(Kw::kNull);
      a->action = AlterKind::kDropNotNull;
    }
  } else if (accept_kw(Kw::kChange)) {
    // CHANGE [COLUMN] old new type [COMMENT 'c'] [FIRST | AFTER col]
    a->action = AlterKind::kChangeColumn;
    a->column_keyword = accept_kw(Kw::kColumn);
    {
      HiveNames names(*this);
      a->to_column = parse_identifier();
    }
    size_t m = mark();
    push(parse_column_def(true));
    a->columns = take<ColumnDef>(m);
    column_position(true);
  } else if (accept_kw(Kw::kSet)) {
    if (accept_kw(Kw::kAuthorization)) {
      a->action = AlterKind::kSetAuthorization;
      if (at_kw(Kw::kUser) || at_kw(Kw::kRole)) {
        a->principal_kind = at_kw(Kw::kUser) ? "USER" : "ROLE";
        advance();
      }
      a->principal = parse_identifier();
    } else if (accept_kw(Kw::kProperties)) {
      a->action = AlterKind::kSetProperties;
      a->properties = parse_property_assignments();
    } else if (accept_kw(Kw::kTblproperties) || accept_kw(Kw::kDbproperties)) {
      a->action = AlterKind::kSetTblProperties;
      a->properties = parse_string_properties();
    } else if (accept_kw(Kw::kLocation)) {
      a->action = AlterKind::kSetLocation;
      a->location = parse_hive_string();
    } else if (accept_kw(Kw::kSerdeproperties)) {
      a->action = AlterKind::kSetSerdeProperties;
      a->properties = parse_string_properties();
    } else if (accept_kw(Kw::kSerde)) {
      a->action = AlterKind::kSetSerdeProperties;
      a->serde = parse_hive_string();
      if (at_kw(Kw::kWith) && peek_kw(1, Kw::kSerdeproperties)) {
        advance();
        advance();
        a->properties = parse_string_properties();
      }
    } else if (accept_kw(Kw::kFileformat)) {
      a->action = AlterKind::kSetFileFormat;
      a->file_format = parse_identifier();
    } else {
      fail_expected("'AUTHORIZATION', 'PROPERTIES', 'TBLPROPERTIES', 'LOCATION' or "
                    "'SERDEPROPERTIES'");
    }
  } else if (accept_kw(Kw::kUnset)) {
    expect_kw(Kw::kTblproperties);
    a->action = AlterKind::kUnsetTblProperties;
    a->if_exists = if_exists();
    expect(Tok::kLParen);
    size_t m = mark();
    do {
      push(parse_hive_string());
    } while (accept(Tok::kComma));
    expect(Tok::kRParen);
    a->unset_keys = take<Literal>(m);
  } else if (accept_kw(Kw::kExecute)) {
    a->action = AlterKind::kExecute;
    a->procedure = parse_identifier();
    if (accept(Tok::kLParen)) {
      a->has_args = true;
      size_t m = mark();
      if (!at(Tok::kRParen)) {
        do {
          push(parse_call_argument());
        } while (accept(Tok::kComma));
      }
      expect(Tok::kRParen);
      a->args = take<Expr>(m);
    }
    if (accept_kw(Kw::kWhere)) a->where = parse_expr();
  } else {
    fail_expected("'RENAME', 'ADD', 'DROP', 'ALTER', 'SET', 'CHANGE', 'REPLACE' or 'EXECUTE'");
  }
  return finish(a);
}

} // namespace athena::sql::detail
