// An archive with a tiny plan in a temporary folder.
#pragma once

#include "archive/archive.hpp"
#include "support/temp_dir.hpp"

namespace ububiko::test {

inline const char* k_small_plan = R"(plan: {id: petit, version: 1, title: Petit plan, required: [title, date]}
document_types:
  - {id: lettre, label: Lettre}
  - {id: proces-verbal, label: Procès-verbal, aliases: [pv]}
nodes:
  - code: "1"
    title: Administration
    retention: {years: 10, from: document_date}
    disposition: keep
    access: public
    children:
      - {code: "1.1", title: Procès-verbaux}
      - {code: "1.2", title: Courrier, access: internal}
  - code: "2"
    title: État civil
    retention: {years: 100, from: year_end}
    disposition: keep
    access: confidential
    children:
      - {code: "2.1", title: Actes}
)";

struct ArchiveFixture {
    TempDir tmp;
    std::string root = tmp / "archive";
    archive::Archive archive = make();

    archive::Archive make() {
        std::string plan = tmp.write("plan.yaml", k_small_plan);
        return archive::Archive::create(root, plan, {"Commune d'essai", "TST", "", ""});
    }
};

}  // namespace ububiko::test
