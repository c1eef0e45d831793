#include "classify/suggest_eval.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <sstream>
#include <unordered_set>

#include "classify/suggest_corpus.hpp"
#include "core/i18n.hpp"
#include "core/parallel.hpp"

namespace ububiko::classify {

using namespace detail;

namespace detail {
namespace {

// Leave-one-out retrains the model for each record up to this many records; beyond, the
// model is trained once per fold (the neighbours still leave out only the record itself).
constexpr std::size_t k_loo_exact = 200;
constexpr std::size_t k_loo_folds = 10;

std::uint64_t fnv1a(const std::string& s) {
    std::uint64_t h = 1469598103934665603ull;
    for (unsigned char c : s) {
        h ^= c;
        h *= 1099511628211ull;
    }
    return h;
}

std::shared_ptr<const LinearModel> train_on(const Corpus& corpus,
                                            const std::vector<std::size_t>& rows,
                                            const TrainOptions& options) {
    TrainingSet set;
    set.table = &corpus.table;
    set.counts = &corpus.counts;
    set.rows = rows;
    for (std::size_t r : rows) set.codes.push_back(corpus.records[r].code);
    auto model = std::make_shared<LinearModel>(LinearModel::train(set, options));
    return model->has_weights() ? model : nullptr;
}

std::string top_level(const std::string& code) {
    return code.substr(0, code.find('.'));
}

}  // namespace

bool in_test_split(const std::string& id) {
    return fnv1a(id) % 5 == 0;
}

EvalRun collect(const archive::Archive& archive, const EvalOptions& options,
                const TrainOptions& training) {
    const auto start = std::chrono::steady_clock::now();
    const plan::Plan& plan = archive.plan();
    const unsigned threads = work_threads();
    Corpus corpus = load_corpus(archive, threads);
    const std::size_t n = corpus.records.size();

    EvalRun run;
    run.method = options.leave_one_out ? "leave-one-out" : "80/20";
    // For each test record, the model that did not see it (index into models).
    std::vector<std::size_t> test;
    std::vector<std::size_t> model_of(n, 0);
    std::vector<std::shared_ptr<const LinearModel>> models;
    std::unordered_set<std::string> hidden;

    if (!options.leave_one_out) {
        std::vector<std::size_t> train_rows;
        for (std::size_t i = 0; i < n; ++i) {
            if (in_test_split(corpus.records[i].id)) {
                test.push_back(i);
                hidden.insert(corpus.records[i].id);
            } else {
                train_rows.push_back(i);
            }
        }
        TrainOptions o = training;
        o.threads = threads;
        models.push_back(train_on(corpus, train_rows, o));
        run.train = train_rows.size();
    } else if (n <= k_loo_exact) {
        for (std::size_t i = 0; i < n; ++i) test.push_back(i);
        models.resize(n);
        TrainOptions o = training;
        o.threads = 1;
        parallel_for(n, threads, [&](std::size_t i) {
            std::vector<std::size_t> rows;
            for (std::size_t j = 0; j < n; ++j)
                if (j != i) rows.push_back(j);
            models[i] = train_on(corpus, rows, o);
            model_of[i] = i;
        });
        run.train = n > 0 ? n - 1 : 0;
    } else {
        for (std::size_t i = 0; i < n; ++i) test.push_back(i);
        models.resize(k_loo_folds);
        TrainOptions o = training;
        o.threads = threads;
        for (std::size_t f = 0; f < k_loo_folds; ++f) {
            std::vector<std::size_t> rows;
            for (std::size_t j = 0; j < n; ++j) {
                if (fnv1a(corpus.records[j].id) % k_loo_folds == f)
                    model_of[j] = f;
                else
                    rows.push_back(j);
            }
            models[f] = train_on(corpus, rows, o);
        }
        run.train = n > 0 ? n - 1 : 0;
    }
    run.test = test.size();

    run.cases.resize(test.size());
    const Language lang = language();
    const std::size_t parts = std::max<std::size_t>(1, std::min<std::size_t>(threads, test.size()));
    parallel_for(parts, threads, [&](std::size_t t) {
        set_language(lang);
        Engine engine(plan, archive.index_dir(), nullptr);
        if (!hidden.empty()) {
            engine.neighbours().set_hidden(&hidden);
            engine.set_filed_override(run.train);
        }
        const std::size_t begin = test.size() * t / parts, end = test.size() * (t + 1) / parts;
        for (std::size_t k = begin; k < end; ++k) {
            const std::size_t i = test[k];
            engine.set_model(models[model_of[i]]);
            Document d = document_of(corpus.records[i]);
            Analysis a = analyse(d, plan);
            EvalCase& c = run.cases[k];
            c.id = corpus.records[i].id;
            c.actual = corpus.records[i].code;
            c.sources = engine.gather(a, d.exclude_id);
        }
    });
    for (const std::string& code : plan.codes())
        if (plan.is_leaf(code) && !plan.at(code).obsolete) run.leaves.push_back(code);
    run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return run;
}

namespace {

struct Hits {
    std::size_t top1 = 0, top3 = 0;
};

Hits score(const EvalRun& run, const Params& params) {
    Hits h;
    for (const EvalCase& c : run.cases) {
        std::vector<Ranked> ranked = rank(c.sources, params, run.leaves);
        for (std::size_t i = 0; i < ranked.size() && i < 3; ++i) {
            if (ranked[i].code != c.actual) continue;
            h.top1 += i == 0;
            h.top3 += 1;
        }
    }
    return h;
}

double share(std::size_t n, std::size_t of) {
    return of ? static_cast<double>(n) / static_cast<double>(of) : 0.0;
}

}  // namespace

EvalReport report(const EvalRun& run, const Params& params) {
    EvalReport r;
    r.method = run.method;
    r.train = run.train;
    r.test = run.test;
    std::map<std::string, EvalReport::PerCode> per;
    std::map<std::pair<std::string, std::string>, std::size_t> confused;
    std::size_t top1 = 0, top3 = 0;
    for (const EvalCase& c : run.cases) {
        std::vector<Ranked> ranked = rank(c.sources, params, run.leaves);
        bool first = !ranked.empty() && ranked[0].code == c.actual;
        bool three = false;
        for (std::size_t i = 0; i < ranked.size() && i < 3; ++i)
            three = three || ranked[i].code == c.actual;
        top1 += first;
        top3 += three;
        EvalReport::PerCode& p = per[top_level(c.actual)];
        p.code = top_level(c.actual);
        p.test += 1;
        p.top1 += first;
        p.top3 += three;
        if (!first && !ranked.empty()) confused[{c.actual, ranked[0].code}] += 1;
    }
    if (r.test > 0) {
        r.top1 = static_cast<double>(top1) / static_cast<double>(r.test);
        r.top3 = static_cast<double>(top3) / static_cast<double>(r.test);
    }
    for (auto& [code, p] : per) {
        p.top1 /= static_cast<double>(p.test);
        p.top3 /= static_cast<double>(p.test);
        r.per_top_level.push_back(p);
    }
    std::sort(r.per_top_level.begin(), r.per_top_level.end(),
              [](const auto& a, const auto& b) { return plan::code_less(a.code, b.code); });
    for (const auto& [pair, count] : confused)
        r.confusion.push_back({pair.first, pair.second, count});
    std::stable_sort(r.confusion.begin(), r.confusion.end(),
                     [](const Confusion& a, const Confusion& b) { return a.count > b.count; });

    // Each source alone: the others say nothing.
    for (const std::string name : {"hints", "neighbours", "model"}) {
        EvalRun alone;
        alone.leaves = run.leaves;
        for (const EvalCase& c : run.cases) {
            EvalCase only{c.id, c.actual, {}};
            only.sources.filed = c.sources.filed;
            only.sources.codes_in_use = c.sources.codes_in_use;
            only.sources.model_records = c.sources.model_records;
            only.sources.model_classes = c.sources.model_classes;
            only.sources.hints_in_plan = c.sources.hints_in_plan;
            if (name == "hints") only.sources.hints = c.sources.hints;
            if (name == "neighbours") only.sources.neighbours = c.sources.neighbours;
            if (name == "model") only.sources.model = c.sources.model;
            only.sources.empty = c.sources.empty;
            alone.cases.push_back(std::move(only));
        }
        Hits h = score(alone, params);
        r.sources.push_back(
            {name, share(h.top1, run.cases.size()), share(h.top3, run.cases.size())});
    }
    return r;
}

bool set_param(Params& p, const std::string& name, double value) {
    struct Field {
        const char* name;
        double Params::*member;
    };
    static const Field fields[] = {
        {"hint_weight", &Params::hint_weight},
        {"hint_prior", &Params::hint_prior},
        {"hint_power", &Params::hint_power},
        {"neighbour_weight", &Params::neighbour_weight},
        {"neighbour_half", &Params::neighbour_half},
        {"neighbour_smoothing", &Params::neighbour_smoothing},
        {"model_weight", &Params::model_weight},
        {"model_half", &Params::model_half},
        {"model_smoothing", &Params::model_smoothing},
        {"sharpen", &Params::sharpen},
    };
    for (const Field& f : fields)
        if (name == f.name) {
            p.*f.member = value;
            return true;
        }
    return false;
}

std::string describe(const Params& p) {
    std::ostringstream s;
    s << "hint_weight=" << p.hint_weight << ",hint_prior=" << p.hint_prior
      << ",hint_power=" << p.hint_power << ",neighbour_weight=" << p.neighbour_weight
      << ",neighbour_half=" << p.neighbour_half << ",neighbour_smoothing=" << p.neighbour_smoothing
      << ",model_weight=" << p.model_weight << ",model_half=" << p.model_half
      << ",model_smoothing=" << p.model_smoothing << ",sharpen=" << p.sharpen;
    return s.str();
}

std::vector<std::pair<Params, std::pair<double, double>>> tune(const EvalRun& run,
                                                               const Params& start) {
    std::vector<std::pair<Params, std::pair<double, double>>> out;
    const double n = static_cast<double>(std::max<std::size_t>(run.cases.size(), 1));
    for (double hw : {0.5, 1.0, 2.0, 4.0})
        for (double hp : {1.0, 3.0, 8.0})
            for (double nw : {0.5, 1.0, 2.0})
                for (double nh : {1.0, 3.0, 10.0, 30.0})
                    for (double mw : {0.0, 0.5, 1.0, 2.0})
                        for (double mh : {1.0, 3.0, 10.0, 30.0}) {
                            Params p = start;
                            p.hint_weight = hw;
                            p.hint_prior = hp;
                            p.neighbour_weight = nw;
                            p.neighbour_half = nh;
                            p.model_weight = mw;
                            p.model_half = mh;
                            Hits h = score(run, p);
                            out.push_back({p,
                                           {static_cast<double>(h.top1) / n,
                                            static_cast<double>(h.top3) / n}});
                        }
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
        return a.second.first + 0.5 * a.second.second > b.second.first + 0.5 * b.second.second;
    });
    return out;
}

}  // namespace detail

EvalReport evaluate(const archive::Archive& archive, const EvalOptions& options) {
    // For the benchmark only: other combination parameters ("name=value,..."), and a grid
    // search over them printed on stderr.
    Params p = params();
    TrainOptions training;
    if (const char* given = std::getenv("UBUBIKO_SUGGEST_PARAMS")) {
        std::istringstream in(given);
        std::string item;
        while (std::getline(in, item, ',')) {
            auto eq = item.find('=');
            if (eq == std::string::npos) continue;
            const double value = std::strtod(item.c_str() + eq + 1, nullptr);
            if (item.substr(0, eq) == "C")
                training.C = value;
            else
                set_param(p, item.substr(0, eq), value);
        }
    }
    EvalRun run = collect(archive, options, training);
    if (std::getenv("UBUBIKO_SUGGEST_CALIBRATION") != nullptr) {
        // How far the confidence of the first suggestion can be believed, by sharpening.
        for (double sharpen : {1.0, 1.5, 2.0, 3.0, 4.0, 6.0}) {
            Params q = p;
            q.sharpen = sharpen;
            double confidence = 0;
            std::size_t right = 0, sure = 0, sure_right = 0;
            for (const EvalCase& c : run.cases) {
                std::vector<Ranked> ranked = rank(c.sources, q, run.leaves);
                if (ranked.empty()) continue;
                confidence += ranked[0].confidence;
                right += ranked[0].code == c.actual;
                if (ranked[0].confidence >= 0.8) {
                    ++sure;
                    sure_right += ranked[0].code == c.actual;
                }
            }
            const double n = static_cast<double>(std::max<std::size_t>(run.cases.size(), 1));
            std::fprintf(stderr,
                         "calibration: sharpen %.1f mean confidence %.3f top1 %.3f; >= 0.8: %zu "
                         "(%.3f right)\n",
                         sharpen, confidence / n, static_cast<double>(right) / n, sure,
                         sure ? static_cast<double>(sure_right) / static_cast<double>(sure) : 0.0);
        }
    }
    if (std::getenv("UBUBIKO_SUGGEST_TUNE") != nullptr) {
        auto tuned = tune(run, p);
        for (std::size_t i = 0; i < tuned.size() && i < 15; ++i)
            std::fprintf(stderr, "tune: top1 %.4f top3 %.4f  %s\n", tuned[i].second.first,
                         tuned[i].second.second, describe(tuned[i].first).c_str());
    }
    return report(run, p);
}

}  // namespace ububiko::classify
