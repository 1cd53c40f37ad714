// Endpoint precedence as the AWS SDKs and CLI resolve it, and error bodies of every format.
#include <cstdlib>
#include <string>

#include <gtest/gtest.h>

#include "src/athena/glue_catalog.h"
#include "src/auth/aws_error.h"
#include "src/auth/endpoint.h"
#include "src/auth/ini_file.h"
#include "tests/support/test_support.h"

namespace athena::aws {
namespace {

/// Sets environment variables for one test and restores them after.
class ScopedEnv {
public:
  ScopedEnv(std::initializer_list<std::pair<const char*, const char*>> vars) {
    for (const auto& [name, value] : vars) {
      const char* old = std::getenv(name);
      saved_.emplace_back(name, old == nullptr ? std::optional<std::string>()
                                               : std::optional<std::string>(old));
      if (value == nullptr) {
        ::unsetenv(name);
      } else {
        ::setenv(name, value, 1);
      }
    }
  }
  ~ScopedEnv() {
    for (const auto& [name, value] : saved_) {
      if (value) {
        ::setenv(name.c_str(), value->c_str(), 1);
      } else {
        ::unsetenv(name.c_str());
      }
    }
  }

private:
  std::vector<std::pair<std::string, std::optional<std::string>>> saved_;
};

SharedProfiles profiles_from(const std::string& config_text) {
  testing::TempDir dir;
  testing::write_file(dir.path() / "config", config_text);
  return load_shared_profiles(dir.path() / "config", "");
}

constexpr const char* kConfig = "[profile dev]\n"
                                "region = eu-west-1\n"
                                "endpoint_url = http://profile.example:1\n"
                                "services = local\n"
                                "\n"
                                "[services local]\n"
                                "athena =\n"
                                "  endpoint_url = http://services-athena.example:2\n"
                                "sts =\n"
                                "  endpoint_url = http://services-sts.example:3\n"
                                "\n"
                                "[profile ignoring]\n"
                                "endpoint_url = http://profile.example:1\n"
                                "ignore_configured_endpoint_urls = true\n";

TEST(AwsEndpoints, PrecedenceFollowsTheAwsCli) {
  ScopedEnv clean({{"AWS_ENDPOINT_URL", nullptr},
                   {"AWS_ENDPOINT_URL_ATHENA", nullptr},
                   {"AWS_ENDPOINT_URL_GLUE", nullptr},
                   {"AWS_ENDPOINT_URL_STS", nullptr},
                   {"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", nullptr}});
  const SharedProfiles p = profiles_from(kConfig);
  // Services section, then the profile's endpoint_url.
  EXPECT_EQ(configured_endpoint("athena", "", p, "dev").url, "http://services-athena.example:2");
  EXPECT_EQ(configured_endpoint("sts", "", p, "dev").url, "http://services-sts.example:3");
  EXPECT_EQ(configured_endpoint("glue", "", p, "dev").url, "http://profile.example:1");
  EXPECT_EQ(configured_endpoint("glue", "", p, "ignoring").url, "");
  {
    ScopedEnv env({{"AWS_ENDPOINT_URL", "http://global.example:4"}});
    EXPECT_EQ(configured_endpoint("athena", "", p, "dev").url, "http://global.example:4");
    EXPECT_EQ(configured_endpoint("athena", "", p, "dev").source, "AWS_ENDPOINT_URL");
    ScopedEnv service({{"AWS_ENDPOINT_URL_GLUE", "http://glue.example:5"}});
    EXPECT_EQ(configured_endpoint("glue", "", p, "dev").url, "http://glue.example:5");
    EXPECT_EQ(configured_endpoint("sts", "", p, "dev").url, "http://global.example:4");
    // The explicit setting (the config file's endPointURL / stsEndpointURL) wins.
    EXPECT_EQ(configured_endpoint("glue", "http://explicit.example:6", p, "dev").url,
              "http://explicit.example:6");
    ScopedEnv ignore({{"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"}});
    EXPECT_EQ(configured_endpoint("glue", "", p, "dev").url, "");
    EXPECT_EQ(configured_endpoint("glue", "http://explicit.example:6", p, "dev").url,
              "http://explicit.example:6");
  }
  {
    // The environment variable set to false overrides the profile's true.
    ScopedEnv env({{"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "false"}});
    EXPECT_EQ(configured_endpoint("glue", "", p, "ignoring").url, "http://profile.example:1");
  }
}

TEST(AwsEndpoints, DefaultHostsPerService) {
  EndpointSettings s;
  s.region = "eu-west-1";
  s.read_environment = false;
  EXPECT_EQ(resolve_service_endpoint("glue", s).url, "https://glue.eu-west-1.amazonaws.com/");
  EXPECT_EQ(resolve_service_endpoint("glue", s).source, "default");
  s.use_fips = true;
  EXPECT_EQ(resolve_service_endpoint("athena", s).host, "athena-fips.eu-west-1.amazonaws.com");
}

TEST(AwsErrors, EveryBodyFormatGivesCodeAndMessageOnOneLine) {
  AwsError json = parse_aws_error(
      400, R"({"__type":"com.amazon#InvalidRequestException:x","Message":"bad\nid"})");
  EXPECT_EQ(json.code, "InvalidRequestException");
  EXPECT_EQ(json.message, "bad id");
  AwsError xml = parse_aws_error(403, "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/"
                                      "2011-06-15/\">\n  <Error>\n    <Type>Sender</Type>\n"
                                      "    <Code>SignatureDoesNotMatch</Code>\n    <Message>The "
                                      "request signature we calculated does not match &amp; "
                                      "so on</Message>\n  </Error>\n</ErrorResponse>\n");
  EXPECT_EQ(xml.code, "SignatureDoesNotMatch");
  EXPECT_EQ(xml.message, "The request signature we calculated does not match & so on");
  EXPECT_TRUE(is_credentials_error(xml));
  AwsError s3 = parse_aws_error(403, "<?xml version=\"1.0\"?><Error><Code>InvalidClientTokenId"
                                     "</Code><Message>no</Message></Error>");
  EXPECT_EQ(s3.code, "InvalidClientTokenId");
  AwsError html =
      parse_aws_error(502, "<!doctype html>\n<html lang=en>\n<title>502 Bad\n Gateway</title>\n"
                           "<h1>Bad Gateway</h1>\n<p>secret internals</p>\n");
  EXPECT_EQ(html.code, "502");
  EXPECT_EQ(html.message, "an HTML page (\"502 Bad Gateway\") instead of an AWS error");
  EXPECT_EQ(html.describe().find('\n'), std::string::npos);
  AwsError empty = parse_aws_error(500, "");
  EXPECT_EQ(empty.describe(), "500 (HTTP 500): empty reply body");
  AwsError text = parse_aws_error(503, "Service\r\nUnavailable\n");
  EXPECT_EQ(text.message, "Service Unavailable");
  EXPECT_FALSE(is_credentials_error(text));
}

TEST(AwsErrors, VerboseShowsTheReplyBodyOnOneLineWithSecretsMasked) {
  const std::string body =
      "<ErrorResponse>\n  <Error><Code>SignatureDoesNotMatch</Code>\n  <Message>Credential="
      "AKIAIOSFODNN7EXAMPLE/20261206/us-east-1/sts/aws4_request, Signature=0123abcd bad"
      "</Message></Error>\n  <SessionToken>FwoGZXIvYXdzEJr</SessionToken>\n</ErrorResponse>";
  AwsError e = parse_aws_error(403, body);
  e.operation = "AssumeRole";
  EXPECT_EQ(e.code, "SignatureDoesNotMatch");
  EXPECT_EQ(e.body, "<ErrorResponse> <Error><Code>SignatureDoesNotMatch</Code> "
                    "<Message>Credential=****, Signature=**** bad</Message></Error> "
                    "<SessionToken>****</SessionToken> </ErrorResponse>");
  const std::string plain = e.describe();
  EXPECT_EQ(plain.find("[reply:"), std::string::npos);
  show_error_bodies(true);
  const std::string verbose = e.describe();
  show_error_bodies(false);
  EXPECT_EQ(verbose, plain + " [reply: " + e.body + "]");
  EXPECT_EQ(verbose.find("AKIAIOSFODNN7EXAMPLE"), std::string::npos);
  EXPECT_EQ(verbose.find('\n'), std::string::npos);
  EXPECT_EQ(mask_secrets("key AKIAIOSFODNN7EXAMPLE and ASIAXXXXXXXXXXXXXXXX."),
            "key **** and ****.");
  EXPECT_EQ(parse_aws_error(500, std::string(2000, 'x')).body.size(), 503u); // 500 + "..."
}

TEST(GlueCatalog, PrestoViewTextDecodesToItsOriginalSql) {
  // {"originalSql":"SELECT id FROM sales.orders","catalog":"awsdatacatalog"}
  const std::string text = "/* Presto View: eyJvcmlnaW5hbFNxbCI6IlNFTEVDVCBpZCBGUk9NIHNhbGVzLm"
                           "9yZGVycyIsImNhdGFsb2ciOiJhd3NkYXRhY2F0YWxvZyJ9 */";
  EXPECT_EQ(view_sql_from_original_text(text), "SELECT id FROM sales.orders");
  EXPECT_EQ(view_sql_from_original_text("SELECT 1"), "SELECT 1");
  EXPECT_EQ(view_sql_from_original_text("/* Presto View: !!! */"), "");
  const ViewText view = decode_view_original_text(text);
  EXPECT_EQ(view.sql, "SELECT id FROM sales.orders");
  EXPECT_EQ(view.catalog, "awsdatacatalog");
  EXPECT_EQ(view.schema, ""); // not in this view's JSON
  const ViewText hive = decode_view_original_text("select * from t");
  EXPECT_EQ(hive.sql, "select * from t");
  EXPECT_EQ(hive.catalog, "");
}

} // namespace
} // namespace athena::aws
