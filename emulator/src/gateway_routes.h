// The gateway's router and handlers (MU, CU, SU, GraphQL). Called with the world locked.
#pragma once

#include <httplib.h>

#include "aokit/emu/world.h"

namespace aokit::emu {

void Route(World& world, const httplib::Request& req, httplib::Response& res);

// Shared by the handler files.
void Json(httplib::Response& res, int status, const nlohmann::json& body);
void JsonError(httplib::Response& res, int status, const std::string& message);
nlohmann::json ResultJson(const EvalResult& result);

void HandleMuPost(World& world, const httplib::Request& req, httplib::Response& res, const std::string& rest);
void HandleCu(World& world, const httplib::Request& req, httplib::Response& res, const std::string& rest);
void HandleSu(World& world, const httplib::Request& req, httplib::Response& res, const std::string& rest);
void HandleGraphql(World& world, const httplib::Request& req, httplib::Response& res);
void HandleAokit(World& world, const httplib::Request& req, httplib::Response& res, const std::string& rest);

}  // namespace aokit::emu
