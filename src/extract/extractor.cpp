#include "extract/extractor.hpp"

#include "core/acled_codebook.hpp"
#include "core/calendar.hpp"

#include "core/incident_fields.hpp"

#include "extract/confidence.hpp"
#include "extract/context.hpp"
#include "extract/dates.hpp"
#include "extract/event_types.hpp"
#include "extract/fatalities.hpp"
#include "extract/place_mentions.hpp"
#include "extract/place_resolver.hpp"
#include "extract/place_words.hpp"
#include "extract/sentences.hpp"
#include "extract/text.hpp"
#include "extract/text_pieces.hpp"

#include <algorithm>
#include <array>
#include <bitset>
#include <chrono>
#include <iterator>
#include <limits>
#include <map>
#include <optional>
#include <tuple>
#include <unordered_set>
#include <utility>

namespace incimap::extract {
namespace {

constexpr std::size_t no_index = std::numeric_limits<std::size_t>::max();
// How far into a sentence a date still opens it ("Around 6 May", "Le 3 mai").
constexpr std::size_t lead_date_reach = 12;
constexpr double part_of_place_km = 15;
// How long before its publication a report's event is still news.
constexpr long recap_days = 30;
// The evidence an incident keeps: its first sentences, up to this many
// bytes (at least one whole sentence), so that a report repeating one event
// over megabytes gives an incident of a readable size.
constexpr std::size_t evidence_bytes = 8 * 1024;

// What an incident names as its source: the report's title, else its
// address, else its id.
std::string source_name(const sources::Document& doc) {
    return !doc.title.empty() ? doc.title : !doc.url.empty() ? doc.url : doc.id;
}

struct SentenceReading {
    Sentence span;
    std::size_t paragraph = 0;
    std::size_t first_token = 0, last_token = 0;
    std::vector<ActorMention> actors;  // source offsets
    std::vector<DateMention> dates;    // source offsets
    std::optional<EventClassification> event;  // offsets relative to the sentence
    // Every event word of the sentence (offsets relative to it), read once:
    // a sentence that adds to an incident may escalate it, say who fought
    // back or that only property was hit.
    std::vector<EventTrigger> triggers;
    bool deaths = false;  // with no event of its own, it reports deaths
    std::vector<std::size_t> mentions;  // indices into the document's mentions
    // The last earlier sentence of the paragraph that gives a date, or
    // no_index: where an undated sentence takes its date from.
    std::size_t dated_before = no_index;
    // The last day stated before the sentence, anywhere in the report, that
    // is not when something was told: sentence and date index, or no_index.
    std::pair<std::size_t, std::size_t> day_done_before{no_index, no_index};
};

// An incident being assembled.
struct Draft {
    std::size_t mention = no_index;  // the mention that places it
    bool title_place = false;        // placed by the title only
    bool country_only = false;       // placed in the report's country for want of a place
    DateMention date;
    DateSource date_source = DateSource::publication;
    std::size_t creator = 0;                 // the sentence that reported it
    std::vector<std::size_t> sentences;      // evidence, in order
    std::vector<std::size_t> death_sentences;  // whose deaths count here
};

// Whether a blank line separates two sentences.
bool blank_line_between(std::string_view text, std::size_t from, std::size_t to) {
    int newlines = 0;
    for (std::size_t i = from; i < to; ++i) {
        if (text[i] == '\n') {
            if (++newlines == 2)
                return true;
        } else if (text[i] != ' ' && text[i] != '\t' && text[i] != '\r') {
            newlines = 0;
        }
    }
    return false;
}

// How deep in round brackets a text is, read from a sentence's start on
// to positions asked in increasing order: one pass for all a sentence asks.
class BracketDepth {
public:
    BracketDepth(std::string_view text, std::size_t sentence_begin) : text_(text), at_(sentence_begin) {}
    // Whether position `at` (no earlier than the last asked) is inside brackets.
    bool inside(std::size_t at) {
        for (; at_ < at && at_ < text_.size(); ++at_)
            depth_ += text_[at_] == '(' ? 1 : text_[at_] == ')' && depth_ > 0 ? -1 : 0;
        return depth_ > 0;
    }

private:
    std::string_view text_;
    std::size_t at_;
    int depth_ = 0;
};

bool is_year_span(const DateMention& d) { return d.form == DateForm::year; }

// A few phrases of two bytes or more, to find the first of them in a text
// in one pass: a position is compared with the phrases only when its first
// byte, then its first two, open one, instead of one search of the text a
// phrase.
class FirstOf {
public:
    FirstOf(std::initializer_list<std::string_view> phrases) : phrases_(phrases) {
        for (std::string_view p : phrases_) {
            initials_[static_cast<unsigned char>(p[0])] = true;
            openings_.set(opening(p, 0));
            phrase_openings_.push_back(opening(p, 0));
        }
    }
    // Whether one of the phrases opens text.
    bool opens(std::string_view text) const {
        return std::any_of(phrases_.begin(), phrases_.end(), [&](std::string_view p) { return text.starts_with(p); });
    }
    // Where the first of the phrases stands in text, or npos.
    std::size_t in(std::string_view text) const {
        for (std::size_t i = 0; i + 1 < text.size(); ++i) {
            if (!initials_[static_cast<unsigned char>(text[i])])
                continue;
            const std::size_t o = opening(text, i);
            if (!openings_.test(o))
                continue;
            for (std::size_t k = 0; k < phrases_.size(); ++k)
                if (phrase_openings_[k] == o && text.substr(i).starts_with(phrases_[k]))
                    return i;
        }
        return std::string_view::npos;
    }

private:
    static std::size_t opening(std::string_view s, std::size_t at) {
        return static_cast<std::size_t>(static_cast<unsigned char>(s[at])) << 8 |
               static_cast<unsigned char>(s[at + 1]);
    }
    std::vector<std::string_view> phrases_;
    std::vector<std::size_t> phrase_openings_;  // the opening of each phrase
    std::array<bool, 256> initials_{};
    std::bitset<1u << 16> openings_;
};

// Adds the sentences of FROM that INTO lacks, keeping INTO in text order.
void add_sentences(std::vector<std::size_t>& into, const std::vector<std::size_t>& from) {
    for (std::size_t k : from)
        if (std::find(into.begin(), into.end(), k) == into.end())
            into.push_back(k);
    std::sort(into.begin(), into.end());
}

// The country with the most votes ("" for none); ties go to the first in
// code order.
std::string most_voted(const std::map<std::string, int>& votes) {
    std::string top;
    int most = 0;
    for (const auto& [iso, count] : votes)
        if (count > most) {
            most = count;
            top = iso;
        }
    return top;
}

class DocumentReading {
public:
    DocumentReading(const gazetteer::Gazetteer& gazetteer, const ActorDictionary& actors,
                    const sources::Document& document, ExtractTrace* trace, const RunContext* run)
        : gazetteer_(gazetteer), dictionary_(actors), doc_(document), text_(document.text), trace_(trace),
          run_(run) {}

    std::vector<Incident> run();

private:
    const gazetteer::Gazetteer& gazetteer_;
    const ActorDictionary& dictionary_;
    const sources::Document& doc_;
    std::string_view text_;
    ExtractTrace* trace_;
    const RunContext* run_;

    FoldedText folded_;
    std::vector<Token> tokens_;
    std::vector<SentenceReading> sentences_;
    std::vector<PlaceMention> mentions_;  // the text's, then the title's
    std::size_t title_mentions_begin_ = 0;
    std::vector<std::optional<ResolvedPlace>> places_;
    std::vector<Draft> drafts_;
    // The draft of each place (geonameid) and day that report() made.
    std::map<std::pair<std::int64_t, std::string>, std::size_t> draft_at_;
    std::optional<std::optional<std::size_t>> country_place_;  // implied_country_place(), once
    // claimed_in() of each sentence, once read: the incidents of a long
    // report ask again of the sentences they share.
    mutable std::vector<std::optional<const ActorMention*>> claims_;

    void read_sentences();
    // The words of a sentence, offsets relative to it.
    Words sentence_words(const SentenceReading& s) const;
    Words words_of(std::size_t sentence) const { return sentence_words(sentences_[sentence]); }
    void read_title_places();
    PlaceContext country_context() const;
    std::vector<std::size_t> incident_places(const SentenceReading& s) const;
    std::pair<std::size_t, std::size_t> source_clause(const SentenceReading& s) const;
    std::vector<std::size_t> countries_named(const SentenceReading& s) const;
    std::optional<std::size_t> title_place() const;
    std::vector<std::size_t> later_places(std::size_t sentence) const;
    std::optional<std::size_t> implied_country_place();
    std::pair<DateMention, DateSource> date_of(std::size_t sentence) const;
    void merge_parts_of_places();
    void fold_copies();
    void drop_recaps();
    void report(std::size_t sentence, const std::vector<std::size_t>& places, bool from_title,
                std::vector<std::size_t>& current);
    Incident finish(const Draft& draft) const;
    EventClassification event_of(const Draft& draft) const;
    DateMention refined_date(const Draft& draft) const;
    void code_actors(const Draft& draft, Incident& incident) const;
    bool leading_label(const SentenceReading& s, std::size_t trigger_end) const;
    std::optional<EventClassification> property_only(const Draft& draft, const EventClassification& event) const;
    const ActorMention* later_opponent(const Draft& draft, const ActorMention* first) const;
    const ActorMention* alternative_of(const SentenceReading& s, const ActorMention& actor) const;
    const SentenceReading& sentence_naming(const Draft& draft, const ActorMention& actor) const;
    const ActorMention* claimant(const Draft& draft) const;
    bool is_source(const ActorMention& actor) const;
    const ActorMention* claimed_in(std::size_t sentence) const;
    const ActorMention* find_claim(const SentenceReading& s) const;
    bool attributes(std::size_t sentence) const;
    const ActorMention* antecedent(const Draft& draft, const ActorMention& noun) const;
    bool is_witness(const ActorMention& actor, std::size_t trigger) const;
    bool is_victim(const ActorMention& actor, const SentenceReading& s, std::string_view type) const;
};

Words DocumentReading::sentence_words(const SentenceReading& s) const {
    Words words = Words{&folded_, tokens_, 0}.slice(s.first_token, s.last_token);
    words.base = s.span.begin;
    return words;
}

// One word pass over the text (fold, tokenize) shared by every reader.
void DocumentReading::read_sentences() {
    folded_ = fold(text_);
    tokens_ = tokenize(folded_);
    auto actors = dictionary_.find(folded_);  // each moves into its sentence
    const auto dates = find_dates(Words{&folded_, tokens_, 0}, doc_.published);
    std::size_t token = 0, actor = 0, date = 0, paragraph = 0;
    std::size_t previous_end = 0, dated = no_index;
    std::pair<std::size_t, std::size_t> day_done{no_index, no_index};
    std::vector<std::size_t> actor_ends;
    for (const Sentence& span : split_sentences(folded_)) {
        SentenceReading s;
        s.span = span;
        if (!sentences_.empty() && blank_line_between(text_, previous_end, span.begin)) {
            ++paragraph;
            dated = no_index;
        }
        s.dated_before = dated;
        previous_end = span.end;
        s.paragraph = paragraph;
        while (token < tokens_.size() && folded_.source_begin(tokens_[token].begin) < span.begin)
            ++token;
        s.first_token = token;
        while (token < tokens_.size() && folded_.source_begin(tokens_[token].begin) < span.end)
            ++token;
        s.last_token = token;
        while (actor < actors.size() && actors[actor].begin < span.begin)
            ++actor;
        for (; actor < actors.size() && actors[actor].begin < span.end; ++actor)
            s.actors.push_back(std::move(actors[actor]));
        while (date < dates.size() && dates[date].begin < span.begin)
            ++date;
        for (; date < dates.size() && dates[date].begin < span.end; ++date)
            s.dates.push_back(dates[date]);
        if (!s.dates.empty())
            dated = sentences_.size();
        s.day_done_before = day_done;
        for (std::size_t k = 0; k < s.dates.size(); ++k)
            if (!s.dates[k].reported && s.dates[k].precision == TimePrecision::day) {
                day_done = {sentences_.size(), k};
                break;
            }

        const Words words = sentence_words(s);
        // The events are read with the actors' offsets relative to the
        // sentence: shifted there and back, not copied with their names.
        actor_ends.clear();
        for (auto& a : s.actors) {
            actor_ends.push_back(a.end);
            a.begin -= span.begin;
            a.end = std::min(a.end, span.end) - span.begin;
        }
        SentenceEvents events = read_events(words, s.actors);
        for (std::size_t k = 0; k < s.actors.size(); ++k) {
            s.actors[k].begin += span.begin;
            s.actors[k].end = actor_ends[k];
        }
        s.event = events.event;
        // "Attacks have killed 300 people since January": a tally of many
        // events is no incident of its own.
        const auto deaths = find_fatalities(words);
        if (s.event && std::any_of(deaths.begin(), deaths.end(), [&](const FatalityMention& m) {
                return m.tally && m.clause_begin <= s.event->trigger_begin && s.event->trigger_begin < m.clause_end;
            }))
            s.event.reset();
        s.triggers = std::move(events.triggers);
        if (!s.event) {
            s.deaths = s.triggers.empty() && std::any_of(deaths.begin(), deaths.end(),
                                                         [](const FatalityMention& m) { return !m.tally; });
        }
        for (auto& m : find_place_mentions(text_, folded_, tokens_, s.first_token, s.last_token,
                                           s.actors)) {
            m.sentence = sentences_.size();
            s.mentions.push_back(mentions_.size());
            mentions_.push_back(std::move(m));
        }
        sentences_.push_back(std::move(s));
    }
}

void DocumentReading::read_title_places() {
    title_mentions_begin_ = mentions_.size();
    if (doc_.title.empty())
        return;
    for (auto& m : find_place_mentions(doc_.title, dictionary_)) {
        m.sentence = sentences_.size();  // a sentence of its own, after the text
        mentions_.push_back(std::move(m));
    }
}

PlaceContext DocumentReading::country_context() const {
    PlaceContext context;
    for (const Token& t : tokens_)
        if (t.kind == TokenKind::word)
            if (auto iso = place_words::demonym_country(t.text); !iso.empty())
                ++context.countries[std::string(iso)];
    // Actors of one country ("FAMa", "Dan Na Ambassagou", "the VDP").
    for (const SentenceReading& s : sentences_)
        for (const ActorMention& actor : s.actors)
            if (!actor.country.empty())
                ++context.countries[actor.country];
    // A report that implies no country of its own is about the run's.
    // Each name is asked once: a long report names the same few thousands of times.
    bool named = false;
    std::unordered_set<std::string_view> asked;
    for (const PlaceMention& m : mentions_)
        if (!named && asked.insert(m.name).second)
            named = gazetteer_.is_country_name(m.name);
    if (context.countries.empty() && !named && run_ && !run_->main_country().empty())
        context.countries[run_->main_country()] = 1;
    return context;
}

// The mentions of a sentence that are the places of its incidents.
std::vector<std::size_t> DocumentReading::incident_places(const SentenceReading& s) const {
    auto resolved = [&](std::size_t m) {
        return places_[m] && !places_[m]->country && !mentions_[m].reference;
    };
    // A place its brackets locate ("Boundore (Boundore, Yagha)") says which
    // country the sentence is in: a namesake of another of its names
    // abroad is not where the event was.
    std::string located_in;
    for (std::size_t m : s.mentions)
        if (resolved(m) && !mentions_[m].hints.empty() && located_in.empty())
            located_in = places_[m]->place.country;
    auto usable = [&](std::size_t m) {
        return resolved(m) && (located_in.empty() || places_[m]->place.country == located_in);
    };
    // "Bolo (coded as Djibo)": the place the report says it codes the
    // event at is its place; the others only say what happened there.
    std::vector<std::size_t> coded;
    for (std::size_t m : s.mentions)
        if (usable(m) && mentions_[m].coded)
            coded.push_back(m);
    if (!coded.empty())
        return coded;
    // A town named beside its commune, province or region: those only say
    // where the town is ("Fambita, in the Kokorou commune of the Tillabéri region").
    auto is_town = [&](std::size_t m) {
        return mentions_[m].scope != PlaceScope::area && mentions_[m].scope != PlaceScope::region &&
               places_[m]->place.feature_class != 'A';
    };
    bool town = false;
    for (std::size_t m : s.mentions)
        town = town || (usable(m) && is_town(m));
    PlaceCue best = PlaceCue::none;
    for (std::size_t m : s.mentions)
        if (usable(m) && (!town || is_town(m)))
            best = std::max(best, mentions_[m].cue);
    // "…east of Boni, said a union official in Mopti": a place after the
    // words that give the source is the source's, when the event has one
    // before them.
    const auto [source_from, source_to] = source_clause(s);
    auto in_source = [&, from = source_from, to = source_to](std::size_t m) {
        return mentions_[m].begin >= from && mentions_[m].begin < to;
    };
    const bool placed_elsewhere = std::any_of(s.mentions.begin(), s.mentions.end(), [&](std::size_t m) {
        return usable(m) && !in_source(m);
    });
    std::vector<std::size_t> places;
    for (std::size_t m : s.mentions) {
        if (!usable(m) || (town && !is_town(m)))
            continue;
        if (placed_elsewhere && in_source(m))
            continue;
        if (best >= PlaceCue::strong && mentions_[m].cue < PlaceCue::strong)
            continue;  // "from Gao ... in Ansongo": Ansongo
        const bool repeated = std::any_of(places.begin(), places.end(), [&](std::size_t p) {
            return places_[p]->place.geonameid == places_[m]->place.geonameid;
        });
        if (!repeated)
            places.push_back(m);
    }
    // "in the Bankass area of the Mopti region": a region only says where
    // the smaller place it holds is.
    std::vector<char> region(places.size());
    for (std::size_t k = 0; k < places.size(); ++k)
        region[k] = mentions_[places[k]].scope == PlaceScope::region ||
                    std::string_view(places_[places[k]]->place.feature_code) == "ADM1";
    auto holds_another = [&](std::size_t k) {
        const gazetteer::Place& r = places_[places[k]]->place;
        for (std::size_t j = 0; j < places.size(); ++j) {
            const gazetteer::Place& p = places_[places[j]]->place;
            if (!region[j] && p.country == r.country && p.admin1_code == r.admin1_code)
                return true;
        }
        return false;
    };
    std::vector<std::size_t> kept;
    for (std::size_t k = 0; k < places.size(); ++k)
        if (!(region[k] && holds_another(k)))
            kept.push_back(places[k]);
    return kept;
}

// The clause of a sentence that gives its source, as byte offsets: from
// "said", "told" to the end ("…, said a local official in Mopti"), from
// "according to", "selon" to the next comma ("Selon un élu joint à Kaya,
// …"); empty when it has none.
std::pair<std::size_t, std::size_t> DocumentReading::source_clause(const SentenceReading& s) const {
    const std::string_view sentence = s.span.in(text_);
    // The words that tell open with a comma or a space, those that give
    // whom with a letter: the first of all, in one pass, says which.
    static const FirstOf source_words{", said",     " said ",       " told ",       " a déclaré",   " ont déclaré",
                                      " a indiqué", " ont indiqué", " a affirmé",   " a rapporté",  "according to",
                                      "According to", "selon ",    "Selon "};
    static const FirstOf according{"according to", "According to", "selon ", "Selon "};
    const std::size_t from = std::min(source_words.in(sentence), sentence.size());
    std::size_t to = sentence.size();
    if (from < sentence.size() && according.opens(sentence.substr(from)))
        to = std::min(sentence.size(), sentence.find(',', from));
    return {s.span.begin + from, s.span.begin + to};
}

// The countries a sentence names (their capitals), for national events.
std::vector<std::size_t> DocumentReading::countries_named(const SentenceReading& s) const {
    std::vector<std::size_t> countries;
    for (std::size_t m : s.mentions)
        if (places_[m] && places_[m]->country && !mentions_[m].reference &&
            std::none_of(countries.begin(), countries.end(), [&](std::size_t c) {
                return places_[c]->place.geonameid == places_[m]->place.geonameid;
            }))
            countries.push_back(m);
    return countries;
}

std::optional<std::size_t> DocumentReading::title_place() const {
    std::optional<std::size_t> best;
    for (std::size_t m = title_mentions_begin_; m < mentions_.size(); ++m)
        if (places_[m] && !places_[m]->country && !mentions_[m].reference &&
            (!best || places_[m]->quality > places_[*best]->quality))
            best = m;
    return best;
}

// The places of the first later sentence of the paragraph that names some
// and reports no event of its own: it says where the event before it was.
std::vector<std::size_t> DocumentReading::later_places(std::size_t sentence) const {
    for (std::size_t k = sentence + 1; k < sentences_.size() && sentences_[k].paragraph == sentences_[sentence].paragraph;
         ++k) {
        if (sentences_[k].event)
            continue;
        if (auto places = incident_places(sentences_[k]); !places.empty())
            return places;
    }
    return {};
}

// The country the report is about, as a place (its capital, precision 3)
// appended to the mentions: the country of most of the places it resolved,
// else the country its words imply most (names, demonyms, actors), else the
// main country of the run. Nothing when none of these is known.
std::optional<std::size_t> DocumentReading::implied_country_place() {
    if (country_place_)
        return *country_place_;
    std::map<std::string, int> votes;
    for (std::size_t m = 0; m < mentions_.size(); ++m)
        if (places_[m] && !places_[m]->place.country.empty())
            votes[places_[m]->place.country] += places_[m]->country ? 1 : 2;
    if (votes.empty())
        votes = country_context().countries;
    if (votes.empty() && run_ && !run_->main_country().empty())
        votes[run_->main_country()] = 1;
    const std::string top = most_voted(votes);
    country_place_.emplace();
    if (top.empty())
        return std::nullopt;
    auto capital = capital_place(gazetteer_, top);
    if (!capital)
        return std::nullopt;
    PlaceMention mention;
    mention.name = capital->place.country_name;
    mention.sentence = sentences_.size();
    mentions_.push_back(std::move(mention));
    places_.push_back(std::move(capital));
    *country_place_ = mentions_.size() - 1;
    return *country_place_;
}

std::pair<DateMention, DateSource> DocumentReading::date_of(std::size_t index) const {
    const SentenceReading& s = sentences_[index];
    if (!s.dates.empty()) {
        // A date that opens the sentence is its date: "On 22 August, ...".
        const DateMention& lead = s.dates.front();
        if (lead.begin <= s.span.begin + lead_date_reach)
            return {lead, DateSource::sentence};
        const std::size_t anchor = s.span.begin + (s.event ? s.event->trigger_begin : 0);
        // The dates come in text order (find_dates).
        BracketDepth brackets(text_, s.span.begin);
        auto rank = [&](const DateMention& d) {
            const std::size_t distance = d.end <= anchor ? anchor - d.end
                                         : d.begin >= anchor ? d.begin - anchor
                                                             : 0;
            // Dates in brackets qualify another ("On 6 May (from 6-7 May)").
            // The day something was said comes after the days things were
            // done ("attacked on Thursday, an official said on Friday").
            // The most precise date wins ("marched on Sunday" over "last week").
            return std::tuple(brackets.inside(d.begin), d.reported, static_cast<int>(d.precision), distance);
        };
        const DateMention* best = &s.dates.front();
        auto best_rank = rank(*best);
        for (auto d = std::next(s.dates.begin()); d != s.dates.end(); ++d)
            if (const auto r = rank(*d); r < best_rank) {
                best = &*d;
                best_rank = r;
            }
        // Dated only by when it was told ("…, a resident said on Monday"):
        // the sentence details the event told before it, on that one's day.
        if (const auto [sentence, date] = s.day_done_before; best->reported && sentence != no_index)
            return {sentences_[sentence].dates[date], DateSource::paragraph};
        return {*best, DateSource::sentence};
    }
    if (s.dated_before != no_index)
        return {sentences_[s.dated_before].dates.back(), DateSource::paragraph};
    DateMention published;
    published.date = doc_.published;
    published.first = published.last = doc_.published;
    published.precision = TimePrecision::day;
    return {published, DateSource::publication};
}

void DocumentReading::report(std::size_t sentence, const std::vector<std::size_t>& places,
                             bool from_title, std::vector<std::size_t>& current) {
    auto [date, source] = date_of(sentence);
    if (date.date.empty())
        return;  // no publication date and none stated
    current.clear();
    for (std::size_t i = 0; i < places.size(); ++i) {
        const std::int64_t id = places_[places[i]]->place.geonameid;
        const auto [at, added] = draft_at_.try_emplace({id, date.date}, drafts_.size());
        if (added) {
            Draft d;
            d.mention = places[i];
            d.title_place = from_title;
            d.date = date;
            d.date_source = source;
            d.creator = sentence;
            drafts_.push_back(std::move(d));
        }
        Draft& same = drafts_[at->second];
        if (same.sentences.empty() || same.sentences.back() != sentence) {
            same.sentences.push_back(sentence);
            if (i == 0)
                same.death_sentences.push_back(sentence);
        }
        current.push_back(at->second);
    }
}

std::vector<Incident> DocumentReading::run() {
    read_sentences();
    read_title_places();
    places_ = PlaceResolver(gazetteer_).resolve(mentions_, country_context(),
                                                 trace_ && trace_->keep_ranking ? &trace_->ranking : nullptr);

    std::vector<std::size_t> current;  // drafts of the last reporting sentence
    std::size_t placed = no_index;     // the last sentence that named places
    const auto from_title = title_place();
    for (std::size_t i = 0; i < sentences_.size(); ++i) {
        const SentenceReading& s = sentences_[i];
        const auto places = incident_places(s);
        if (!places.empty()) {
            placed = i;
            if (s.event)
                report(i, places, false, current);
            continue;
        }
        // A sentence without an event of its own may still say who did it
        // ("The device was planted by JNIM militants").
        const bool attribution = !current.empty() && attributes(i);
        if (!(s.event || s.deaths || !s.triggers.empty() || attribution))
            continue;
        if (current.empty() && s.event) {
            // "Soldiers patrolled near Boni. They were ambushed.": the places
            // of the sentence before, in the same paragraph; before any place,
            // the place of the title.
            // With neither, a national event: the capital of the one country
            // the sentence names ("the government of Niger closed the
            // borders"); several countries make no national event.
            // Then a place that a later sentence of the paragraph gives
            // without an event of its own ("The attack took place near X").
            // Then the country the report is about, at its capital,
            // precision 3: an event is never dropped for want of a town.
            if (placed != no_index && sentences_[placed].paragraph == s.paragraph)
                report(i, incident_places(sentences_[placed]), false, current);
            else if (from_title)
                report(i, {*from_title}, true, current);
            else if (const auto countries = countries_named(s); countries.size() == 1) {
                // Undated and placed by its country alone ("Attack on police
                // post in southern Mali"): a headline or lead of an event the
                // report places when it places any.
                report(i, countries, false, current);
                for (std::size_t d : current)
                    drafts_[d].country_only = drafts_[d].sentences.size() == 1 &&
                                              drafts_[d].date_source == DateSource::publication;
            }
            else if (countries_named(s).size() > 1)
                ;  // about several countries: no one place
            else if (const auto later = later_places(i); !later.empty())
                report(i, later, false, current);
            else if (const auto country = implied_country_place()) {
                report(i, {*country}, false, current);
                for (std::size_t d : current)
                    drafts_[d].country_only = drafts_[d].sentences.size() == 1;
            }
            else if (trace_)
                trace_->unplaced.push_back("sentence " + std::to_string(i + 1) + ": no place for '" +
                                           std::string(s.span.in(text_)) + "'");
            continue;
        }
        for (std::size_t k = 0; k < current.size(); ++k) {
            Draft& d = drafts_[current[k]];
            d.sentences.push_back(i);
            if (k == 0)
                d.death_sentences.push_back(i);
        }
    }
    merge_parts_of_places();
    fold_copies();
    drop_recaps();
    std::vector<Incident> incidents;
    incidents.reserve(drafts_.size());
    std::stable_sort(drafts_.begin(), drafts_.end(),
                     [](const Draft& a, const Draft& b) { return a.sentences.front() < b.sentences.front(); });
    for (const Draft& d : drafts_)
        incidents.push_back(finish(d));
    return incidents;
}

// "Gunmen struck two sites in Bamako. They entered the school in the
// Faladié district.": a district, area or neighbourhood (precision 2) within
// 15 km of another incident's place on the same day is part of that place.
void DocumentReading::merge_parts_of_places() {
    for (std::size_t a = 0; a < drafts_.size(); ++a) {
        const ResolvedPlace& part = *places_[drafts_[a].mention];
        if (part.precision != GeoPrecision::near || drafts_[a].sentences.empty())
            continue;
        for (std::size_t b = 0; b < drafts_.size(); ++b) {
            const ResolvedPlace& whole = *places_[drafts_[b].mention];
            if (b == a || drafts_[b].sentences.empty() || whole.precision != GeoPrecision::town ||
                drafts_[b].date.date != drafts_[a].date.date ||
                distance_km(part.place.latitude, part.place.longitude, whole.place.latitude,
                            whole.place.longitude) > part_of_place_km)
                continue;
            Draft& into = drafts_[b];
            add_sentences(into.sentences, drafts_[a].sentences);
            add_sentences(into.death_sentences, drafts_[a].death_sentences);
            drafts_[a].sentences.clear();
            break;
        }
    }
    std::erase_if(drafts_, [](const Draft& d) { return d.sentences.empty(); });
}

// One event told twice in one report is one incident:
//  * an incident dated only by the publication day ("Gunmen killed six in
//    Djibo", a headline or lead without a date) at the place of an incident
//    whose day the report states is that incident told again;
//  * an event placed only in the report's country, for want of a place,
//    is one of the report's placed events told without its place whenever
//    the report has any.
void DocumentReading::fold_copies() {
    for (Draft& copy : drafts_) {
        if (copy.sentences.empty() || copy.date_source != DateSource::publication || copy.country_only)
            continue;
        const gazetteer::Place& here = places_[copy.mention]->place;
        // Its place is the told event's, or one the told event's sentences
        // name too ("on the road to Kantchari" above "between Fada N'Gourma
        // and Kantchari").
        auto names_here = [&](const Draft& told) {
            for (std::size_t k : told.sentences)
                for (std::size_t m : sentences_[k].mentions)
                    if (places_[m] && !places_[m]->country && places_[m]->place.geonameid == here.geonameid)
                        return true;
            return false;
        };
        for (Draft& told : drafts_)
            if (&told != &copy && !told.sentences.empty() && told.date_source != DateSource::publication &&
                !told.country_only &&
                (distance_km(here.latitude, here.longitude, places_[told.mention]->place.latitude,
                             places_[told.mention]->place.longitude) <= part_of_place_km ||
                 names_here(told))) {
                add_sentences(told.sentences, copy.sentences);
                copy.sentences.clear();
                break;
            }
    }
    // An event placed only in a region, cercle or province, on the day of
    // an event the report places at a town of that region, is that event
    // told at the scale of its region ("…in the Gao region"); so is an
    // undated one told before it (a headline or lead the body details).
    auto is_unit = [&](const Draft& d) {
        return places_[d.mention]->region || places_[d.mention]->place.feature_class == 'A';
    };
    for (Draft& unit : drafts_) {
        if (unit.sentences.empty() || unit.country_only || !is_unit(unit))
            continue;
        const gazetteer::Place& area = places_[unit.mention]->place;
        for (Draft& town : drafts_) {
            const gazetteer::Place& here = places_[town.mention]->place;
            if (&town == &unit || town.sentences.empty() || town.country_only || is_unit(town) ||
                here.country != area.country || here.admin1_code != area.admin1_code ||
                (town.date.date != unit.date.date &&
                 !(unit.date_source == DateSource::publication && unit.sentences.front() < town.sentences.front())))
                continue;
            add_sentences(town.sentences, unit.sentences);
            unit.sentences.clear();
            break;
        }
    }
    const bool placed = std::any_of(drafts_.begin(), drafts_.end(),
                                    [](const Draft& d) { return !d.sentences.empty() && !d.country_only; });
    if (placed)
        for (Draft& d : drafts_)
            if (d.country_only)
                d.sentences.clear();
    std::erase_if(drafts_, [](const Draft& d) { return d.sentences.empty(); });
}

// A report of recent events that recalls older ones ("the town was already
// attacked in June 2022", "last year's massacre") reports the recent ones:
// when some incident ends within recap_days of the publication date, those
// that ended longer before are background, not new incidents. A report
// whose every event is old (an inquiry, an anniversary) keeps the latest
// and those within recap_days of it.
void DocumentReading::drop_recaps() {
    const auto published = parse_iso_date(doc_.published);
    if (!published)
        return;
    auto age_days = [&](const Draft& d) {
        const auto last = parse_iso_date(d.date.last.empty() ? d.date.date : d.date.last);
        return last ? (std::chrono::sys_days(*published) - std::chrono::sys_days(*last)).count() : 0;
    };
    // Without one, a look back (an analysis, an anniversary, a trial) tells
    // of the latest it names; the ones long before it are its background.
    long newest = std::numeric_limits<long>::max();
    for (const Draft& d : drafts_)
        newest = std::min(newest, age_days(d));
    std::erase_if(drafts_, [&](const Draft& d) { return age_days(d) > std::max(newest, 0L) + recap_days; });
}

// State forces and the foreign forces fighting beside them against the rest:
// the sides of the Sahel's conflicts, used to tell actor2 from associates.
bool state_side(ActorCategory c) {
    return c == ActorCategory::state_forces || c == ActorCategory::external_forces;
}

// An armed group of the conflicts: no state, no civilians, no crowd.
bool armed_group(const ActorMention& a) {
    return !state_side(a.category) && !unarmed(a.category);
}

// Civilians before a reporting verb that comes before the trigger tell of
// the incident and take no part in it: "Residents of Djibo said gunmen
// attacked the post".
bool DocumentReading::is_witness(const ActorMention& actor, std::size_t trigger) const {
    // Residents and officials speak of events more often than they act in
    // them ("the governor said gunmen attacked").
    const bool speaker = actor.category == ActorCategory::civilians || is_government(actor);
    if (!speaker || actor.end >= trigger)
        return false;
    const std::string_view between = text_.substr(actor.end, trigger - actor.end);
    for (std::string_view verb : {" said", " say", " told", " reported", " recounted", " recalled",
                                  " ont dit", " ont raconté", " a dit", " a raconté"})
        if (between.find(verb) != std::string_view::npos)
            return true;
    return false;
}

// The words of text (lowercase ASCII, accents kept) between two offsets,
// commas as words of their own. The rules below read them around every
// actor: the words share one buffer instead of a string each.
class LowerWords {
public:
    LowerWords(std::string_view text, std::size_t from, std::size_t to) {
        const std::size_t stop = std::min(to, text.size());
        bytes_.reserve(stop > from ? stop - from : 0);
        words_.reserve(8);
        std::size_t word = no_index;  // where the word being read starts in bytes_
        auto end_word = [&] {
            if (word != no_index)
                words_.push_back({word, bytes_.size() - word});
            word = no_index;
        };
        for (std::size_t i = from; i < stop; ++i) {
            const char c = text[i];
            const bool curly = c == '\xE2' && text.substr(i, 3) == "\u2019";  // "l’armée"
            if (curly)
                i += 2;
            if (curly || c == ' ' || c == '\n' || c == '\t' || c == ',' || c == '\'' || c == '-') {
                end_word();
                if (c == ',') {
                    word = bytes_.size();
                    bytes_ += ',';
                    end_word();
                }
            } else {
                if (word == no_index)
                    word = bytes_.size();
                bytes_ += ascii_lower(c);
            }
        }
        end_word();
    }

    std::size_t size() const { return words_.size(); }
    bool empty() const { return words_.empty(); }
    std::string_view operator[](std::size_t k) const {
        return std::string_view(bytes_).substr(words_[k].first, words_[k].second);
    }
    std::string_view front() const { return (*this)[0]; }
    std::string_view back() const { return (*this)[size() - 1]; }
    void pop_back() { words_.pop_back(); }
    bool contains(std::string_view word) const {
        for (std::size_t k = 0; k < size(); ++k)
            if ((*this)[k] == word)
                return true;
        return false;
    }

private:
    std::string bytes_;
    std::vector<std::pair<std::size_t, std::size_t>> words_;  // offset and size in bytes_
};

LowerWords lower_words(std::string_view text, std::size_t from, std::size_t to) {
    return LowerWords(text, from, to);
}

bool one_of(std::string_view word, std::initializer_list<std::string_view> list) {
    return std::find(list.begin(), list.end(), word) != list.end();
}

// An actor quoted as the source of the report: "the governor said",
// "according to the army", "selon l'armée", "a indiqué le gouverneur".
// An army that speaks mostly tells of what it did ("the army said it
// repelled an attack"): only residents and officials count.
bool DocumentReading::is_source(const ActorMention& actor) const {
    if (actor.category != ActorCategory::civilians && !is_government(actor))
        return false;
    const auto next = lower_words(text_, actor.end, std::min(text_.size(), actor.end + 24));
    // Words of telling, not of deciding ("announced a curfew", "declared a
    // state of emergency" are acts).
    if (!next.empty() && one_of(next.front(), {"said", "says", "told", "confirmed", "stated", "reported",
                                               "indicated", "a", "ont"})) {
        if (next.front() != "a" && next.front() != "ont")
            return true;
        return next.size() >= 2 &&
               one_of(next[1], {"dit", "indiqué", "indique", "confirmé", "confirme", "affirmé", "affirme"});
    }
    const std::size_t from = actor.begin > 24 ? actor.begin - 24 : 0;
    auto before = lower_words(text_, from, actor.begin);
    while (!before.empty() && one_of(before.back(), {"the", "le", "la", "les", "l"}))
        before.pop_back();
    return (!before.empty() && before.back() == "selon") ||
           (before.size() >= 2 && before.back() == "to" && before[before.size() - 2] == "according");
}

// Whether words end with "repelled by (the)", "repoussée par (l')": the
// actor that follows resisted, it did not attack.
bool resisted(LowerWords words) {
    while (!words.empty() && one_of(words.back(), {"the", "le", "la", "les", "l"}))
        words.pop_back();
    if (words.size() < 2 || !one_of(words.back(), {"by", "par"}))
        return false;
    const std::string_view verb = words[words.size() - 2];
    for (std::string_view stem : {"repel", "repuls", "repouss", "thwart", "foil", "déjou"})
        if (verb.starts_with(stem))
            return true;
    return false;
}

bool violent_type(std::string_view type) { return acled::is_political_violence(type); }

// An actor before the trigger that the violence was done to, never actor1:
// civilians in a fight, an attack or an explosion ("44 civilians were
// killed", "des civils tués"), and anyone the passive makes the object
// ("five soldiers were killed", "soldats ont été tués", "soldiers killed in
// an ambush near Boni").
bool DocumentReading::is_victim(const ActorMention& actor, const SentenceReading& s, std::string_view type) const {
    const std::size_t trigger = s.span.begin + s.event->trigger_begin;
    if (!violent_type(type) || actor.end > trigger)
        return false;
    if (actor.category == ActorCategory::civilians)
        return true;
    // The few words after the actor say whether it is the passive's
    // subject ("were killed"): read no more of a long sentence than those.
    const std::size_t reach = std::min(trigger, actor.end + 64);
    const auto between = lower_words(text_, actor.end, reach);
    // "were killed in an ambush": the passive of a harm, whatever the
    // trigger after it.
    std::size_t k = 0;
    while (k < between.size() && one_of(between[k], {"have", "has", "had", "reportedly", "allegedly", "also", "all",
                                                     "ont", "a", "auraient", "aurait", "avaient", "avait", "tous",
                                                     "apparently"}))
        ++k;
    if (k < between.size() &&
        one_of(between[k], {"were", "was", "been", "being", "été", "ete", "sont", "est", "furent", "fut"})) {
        if (k + 1 == between.size())
            return reach == trigger;
        return one_of(between[k + 1],
                      {"killed", "wounded", "injured", "shot", "ambushed", "attacked", "targeted", "hit", "struck",
                       "executed", "massacred", "assassinated", "abducted", "kidnapped", "beheaded", "tués", "tuées",
                       "tué", "blessés", "blessé", "attaqués", "attaqué", "ciblés", "visés", "enlevés", "exécutés",
                       "assassinés", "pris", "victimes", "neutralisés"});
    }
    if (!between.empty())
        return false;
    // "Soldiers killed in an ambush": a participle the victims, "soldiers
    // killed two militants" a verb with its object.
    const auto next = lower_words(text_, s.span.begin + s.event->trigger_end,
                                    std::min(s.span.end, s.span.begin + s.event->trigger_end + 16));
    if (next.size() >= 2 && next[0] == "at" && next[1] == "least")
        return false;  // "killed at least eight": a verb and its object
    return next.empty() || one_of(next.front(), {"in", "near", "at", "by", "during", "on", "when", "after", "as",
                                                 ",", "dans", "par", "lors", "pres", "près", "à", "au", "en"});
}

// The group that claims the incident, or that the report says did it,
// anywhere in its sentences: "JNIM claimed the attack", "claimed by ISGS",
// "revendiqué par le JNIM", "l'EIGS a revendiqué l'attaque", "the device
// was planted by JNIM militants", "attributed to ISGS".
// The sentence of the incident whose actors hold ACTOR (the creator's when
// none does).
const SentenceReading& DocumentReading::sentence_naming(const Draft& draft, const ActorMention& actor) const {
    for (std::size_t k : draft.sentences)
        for (const auto& a : sentences_[k].actors)
            if (&a == &actor)
                return sentences_[k];
    return sentences_[draft.creator];
}

const ActorMention* DocumentReading::claimant(const Draft& draft) const {
    for (std::size_t k : draft.sentences)
        if (const ActorMention* a = claimed_in(k))
            return a;
    return nullptr;
}

bool DocumentReading::attributes(std::size_t sentence) const { return claimed_in(sentence) != nullptr; }

const ActorMention* DocumentReading::claimed_in(std::size_t sentence) const {
    if (claims_.size() != sentences_.size())
        claims_.assign(sentences_.size(), std::nullopt);
    auto& claim = claims_[sentence];
    if (!claim)
        claim = find_claim(sentences_[sentence]);
    return *claim;
}

// The group sentence S says claimed or did its event.
const ActorMention* DocumentReading::find_claim(const SentenceReading& s) const {
    for (const auto& a : s.actors) {
        if (a.category == ActorCategory::civilians || a.generic)
            continue;
        const auto after = lower_words(text_, a.end, std::min(s.span.end, a.end + 40));
        std::size_t v = 0;
        while (v < after.size() && one_of(after[v], {"has", "have", "had", "later", "a", "ont", "reportedly",
                                                     "subsequently", "quickly", "then"}))
            ++v;
        if (v < after.size() &&
            (one_of(after[v], {"claimed", "claims", "claim", "revendiqué", "revendique", "revendiquait"})) &&
            !(v + 1 < after.size() && after[v + 1] == "the" && v + 2 < after.size() && after[v + 2] == "lives"))
            return &a;
        const std::size_t from = a.begin > s.span.begin + 40 ? a.begin - 40 : s.span.begin;
        auto before = lower_words(text_, from, a.begin);
        while (!before.empty() && one_of(before.back(), {"the", "le", "la", "les", "l"}))
            before.pop_back();
        // "claimed by", "planted by", "carried out by", "attributed
        // to", "blamed on", "imputée au": who did it.
        if (before.size() >= 2 && one_of(before.back(), {"by", "par"}) &&
            (before[before.size() - 2].starts_with("claim") || before[before.size() - 2].starts_with("revendiqu") ||
             one_of(before[before.size() - 2], {"planted", "laid", "placed", "perpetrated", "committed", "posé",
                                                "pose", "commis", "perpetre", "perpétré"}) ||
             (before.size() >= 3 && before[before.size() - 2] == "out" && before[before.size() - 3] == "carried")))
            return &a;
        if (!before.empty() && ((one_of(before.back(), {"to", "au", "aux", "à", "a"}) && before.size() >= 2 &&
                                 one_of(before[before.size() - 2], {"attributed", "ascribed", "attribuée",
                                                                     "attribuee", "attribué", "attribue",
                                                                     "imputée", "imputee", "imputé", "impute"})) ||
                                (before.back() == "on" && before.size() >= 2 && before[before.size() - 2] == "blamed")))
            return &a;
    }
    return nullptr;
}

// The armed group a definite common noun ("the militants", "the
// assailants", "les assaillants") refers back to: the last one named before
// it in its sentence or the two sentences before, in its paragraph.
const ActorMention* DocumentReading::antecedent(const Draft& draft, const ActorMention& noun) const {
    const auto lead = lower_words(text_, noun.begin >= 12 ? noun.begin - 12 : 0, noun.begin);
    if (lead.empty() || !one_of(lead.back(), {"the", "these", "les", "ces"}))
        return nullptr;
    const std::size_t creator = draft.creator;
    const std::size_t oldest = creator >= 2 ? creator - 2 : 0;
    for (std::size_t k = creator + 1; k-- > oldest;) {
        if (sentences_[k].paragraph != sentences_[creator].paragraph)
            break;
        const auto& actors = sentences_[k].actors;
        for (auto a = actors.rbegin(); a != actors.rend(); ++a)
            if (a->end <= noun.begin && !a->generic && armed_group(*a))
                return &*a;
    }
    return nullptr;
}

// The other side of a fight, an explosion or a protest named only in
// another sentence of the incident: "Twelve soldiers died in the fighting",
// "Police later dispersed the crowd". The first actor there on the other
// side from actor1 (state and foreign forces against the rest), civilians
// excepted.
const ActorMention* DocumentReading::later_opponent(const Draft& draft, const ActorMention* first) const {
    const bool first_state = first && state_side(first->category);
    for (std::size_t k : draft.sentences) {
        if (k == draft.creator)
            continue;
        // A named armed party that fought back ("VDP repelled the
        // attack") is the other side even when the state's side is not.
        const auto& triggers = sentences_[k].triggers;
        const bool resisted = std::any_of(triggers.begin(), triggers.end(),
                                          [](const EventTrigger& t) { return t.resistance; });
        for (const auto& a : sentences_[k].actors) {
            if (a.category == ActorCategory::civilians || is_government(a) || is_source(a) ||
                (first && a.name == first->name))
                continue;
            if (state_side(a.category) != first_state || (resisted && !a.generic && !unarmed(a.category)))
                return &a;
        }
    }
    return nullptr;
}

// The named armed group a report offers as the alternative to ACTOR in the
// same sentence: "JNIM or ISGS", "ISGS and/or JNIM", "JNIM ou l'EIGS",
// "JNIM/ISGS". Nothing for state forces, civilians or common nouns.
const ActorMention* DocumentReading::alternative_of(const SentenceReading& s, const ActorMention& actor) const {
    if (actor.generic || !armed_group(actor))
        return nullptr;
    for (const auto& other : s.actors) {
        if (&other == &actor || other.generic || !armed_group(other) || other.name == actor.name)
            continue;
        const bool after = other.begin >= actor.end;
        if (!after && other.end > actor.begin)
            continue;
        std::string between(after ? text_.substr(actor.end, other.begin - actor.end)
                                  : text_.substr(other.end, actor.begin - other.end));
        for (char& c : between)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        std::erase(between, ' ');
        // The conjunction, then perhaps an article: "or the", "ou du".
        for (std::string_view joint : {"or", "and/or", "/", "ou", "et/ou"})
            for (std::string_view article : {"", "the", "l'", "le", "la", "les", "du", "de", "des", "d'"})
                if (between.size() == joint.size() + article.size() && between.starts_with(joint) &&
                    between.ends_with(article))
                    return &other;
    }
    return nullptr;
}

// Whether the event's word ends a label that opens sentence S, at most
// three words before a colon: "Looting:", "Property destruction:".
bool DocumentReading::leading_label(const SentenceReading& s, std::size_t trigger_end) const {
    const std::size_t colon = text_.find_first_not_of(' ', trigger_end);
    if (colon >= s.span.end || text_[colon] != ':')
        return false;
    return lower_words(text_, s.span.begin, colon).size() <= 3;
}

void DocumentReading::code_actors(const Draft& draft, Incident& incident) const {
    const SentenceReading& s = sentences_[draft.creator];
    const std::size_t trigger = s.span.begin + s.event->trigger_begin;
    const std::size_t trigger_end = s.span.begin + s.event->trigger_end;
    const std::string_view type = incident.event_type;
    const ActorMention* perpetrator = nullptr;  // "killed by JNIM"
    std::vector<const ActorMention*> before, after, victims;
    // "Looting: On 3 May, militants seized…": a label that opens the
    // sentence says what happened; the clause after it names the doer first,
    // as if the event's word came at its end.
    const bool label = leading_label(s, trigger_end);
    for (const auto& a : s.actors) {
        if (is_source(a))
            continue;  // "…, the governor said", "according to residents"
        // A government decides (curfews, bans, agreements); in fighting,
        // killings or protests it is no party ACLED codes.
        if (is_government(a) && type != acled::strategic_developments)
            continue;
        if (label) {
            before.push_back(&a);
            continue;
        }
        if (a.begin < trigger) {
            if (is_victim(a, s, type))
                victims.push_back(&a);
            else if (!is_witness(a, trigger))
                before.push_back(&a);
            continue;
        }
        // "killed by the army", "tués par les jihadistes"; the weapon's owner
        // of a strike: "airstrikes of the Malian army", "frappes de l'armée".
        auto lead = lower_words(text_, a.begin >= trigger_end ? trigger_end : a.begin, a.begin);
        const bool article = !lead.empty() && one_of(lead.back(), {"the", "le", "la", "les", "l"});
        while (!lead.empty() && one_of(lead.back(), {"the", "le", "la", "les", "l"}))
            lead.pop_back();
        // "by the army" in the trigger's clause, not "…, a post manned by the
        // police", and not the side that resisted ("repelled by the gendarmes").
        const bool by = !lead.empty() && one_of(lead.back(), {"by", "par"}) &&
                        !(article && lead.contains(",")) &&
                        !resisted(lower_words(text_, a.begin > s.span.begin + 60 ? a.begin - 60 : s.span.begin, a.begin));
        const bool owner = type == acled::explosions && !lead.empty() && lead.size() <= 3 &&
                           one_of(lead.back(), {"of", "de", "du", "des"});
        if (!perpetrator && (by || owner))
            perpetrator = &a;
        else
            after.push_back(&a);
    }
    // A name ("JNIM") says more than a common noun ("gunmen") of its side
    // beside it; a side named first stays first ("soldiers and JNIM
    // militants clashed").
    auto pick = [](const std::vector<const ActorMention*>& actors) -> const ActorMention* {
        if (actors.empty())
            return nullptr;
        const ActorMention* front = actors.front();
        for (const auto* a : actors)
            if (!a->generic && state_side(a->category) == state_side(front->category))
                return a;
        return front;
    };
    const ActorMention* first = perpetrator ? perpetrator : pick(before);
    // A claim or an attribution names who did it, unless the report
    // already names the group ("ISGS militants ambushed…; ISWAP claimed").
    if (const ActorMention* claimed = violent_type(type) ? claimant(draft) : nullptr;
        claimed && (!first || first->generic || !armed_group(*first)))
        first = claimed;
    // "The militants", "les assaillants": the group named before.
    if (first && first->generic && armed_group(*first))
        if (const ActorMention* named = antecedent(draft, *first))
            first = named;
    if (!first && type == acled::battles && after.size() >= 2)
        first = pick(after);  // "Fighting between the army and rebels"
    if (type == acled::protests || type == acled::riots) {
        // The demonstrators, not the force that met them; demonstrators who
        // riot are coded rioters, as ACLED does.
        const auto wanted = type == acled::riots ? ActorCategory::rioters : ActorCategory::protesters;
        first = nullptr;
        for (const auto& a : s.actors)
            if (a.category == wanted) {
                first = &a;
                break;
            }
    }
    // "JNIM or ISGS militants": ACLED codes a group it cannot tell from
    // another as one actor, "A and/or B".
    const ActorMention* either = first ? alternative_of(sentence_naming(draft, *first), *first) : nullptr;
    std::vector<const ActorMention*> others = victims;
    for (const auto* a : perpetrator ? before : after)
        if (a != either)
            others.push_back(a);
    if (!perpetrator && type == acled::battles && first)
        for (const auto* a : before)  // "soldiers and JNIM fighters clashed"
            if (a != either && state_side(a->category) != state_side(first->category))
                others.push_back(a);
    const ActorMention* second = nullptr;
    for (const auto* a : others)
        if (a != first && (!first || state_side(a->category) != state_side(first->category))) {
            second = a;
            break;
        }
    if (!second)
        for (const auto* a : others)
            if (a != first && (!first || a->name != first->name)) {
                second = a;
                break;
            }
    if (!second && type != acled::violence_against_civilians && type != acled::strategic_developments)
        second = later_opponent(draft, first);

    auto coded = [&](const std::string& name) {
        return dictionary_.coded_name(name, incident.country, incident.event_date);
    };
    // ACLED's inter codes: the actors' categories; an unidentified armed
    // group is coded as a political militia (3).
    const auto inter = acled::inter_code;
    if (first) {
        incident.actor1 = either ? dictionary_.either_name(first->name, either->name, incident.country,
                                                           incident.event_date)
                                 : coded(first->name);
        incident.inter1 = inter(first->category);
    } else if (type == acled::protests) {
        incident.actor1 = coded("Protesters ({country})");
        incident.inter1 = inter(ActorCategory::protesters);
    } else if (type == acled::riots) {
        incident.actor1 = coded("Rioters ({country})");
        incident.inter1 = inter(ActorCategory::rioters);
    } else if (acled::is_political_violence(type)) {
        incident.actor1 = coded("Unidentified Armed Group ({country})");
        incident.inter1 = inter(ActorCategory::political_militias);
    }
    if (second) {
        incident.actor2 = coded(second->name);
        incident.inter2 = inter(second->category);
    } else if (type == acled::violence_against_civilians) {
        incident.actor2 = coded("Civilians ({country})");
        incident.inter2 = inter(ActorCategory::civilians);
    }
    if (incident.actor2 == incident.actor1) {
        incident.actor2.clear();
        incident.inter2 = 0;
    }
    if (!first)
        return;
    // Associates stand on actor1's side of the trigger and of the conflict.
    const bool first_before = first->begin < trigger;
    for (const auto& a : s.actors) {
        if (&a == first || &a == second || &a == either || a.generic || &a == perpetrator ||
            (a.begin < trigger) != first_before || state_side(a.category) != state_side(first->category))
            continue;
        std::string name = coded(a.name);
        if (name != incident.actor1 && name != incident.actor2 &&
            std::find(incident.assoc_actors.begin(), incident.assoc_actors.end(), name) ==
                incident.assoc_actors.end())
            incident.assoc_actors.push_back(std::move(name));
    }
}

// An attack met by armed resistance in a later sentence of the incident
// ("The attack was repelled", "militiamen routed the assailants") is a
// battle, as ACLED codes it; a development (a looting, an arrest) that
// turns violent later is coded by its violence.
std::optional<EventClassification> escalation(const EventClassification& event,
                                              const std::vector<EventTrigger>& later_triggers,
                                              const EventClassification& later) {
    const std::string_view type = event.type.event_type, then = later.type.sub_event_type;
    if (type == acled::violence_against_civilians) {
        for (const auto& t : later_triggers)
            if (t.resistance)
                return EventClassification{t.type, t.strength, t.begin, t.end};
        return std::nullopt;
    }
    if (type == acled::strategic_developments && later.strength >= 0.55 &&
        (then == "Armed clash" || then == "Attack" || later.type.event_type == acled::explosions))
        return later;
    return std::nullopt;
}

// Whether the words tell of someone killed, hurt, taken, abused, threatened
// or shot at ("fired in the air", "opened fire").
bool tells_of_harm(const Words& words) {
    static constexpr std::string_view harm[] = {
        "kill", "wound", "injur", "dead", "die", "death", "shot", "execut", "abduct", "kidnap", "hostage",
        "beat", "rape", "hurt", "torture", "tue", "bless", "enlev", "mort", "assassin", "massacr", "behead",
        "assaulted", "assaulting", "whip", "threat", "fired", "fire", "gunfire", "gunshot", "sexual", "tied",
        "molest", "agress", "menac", "tir"};
    for (std::size_t k = 0; k < words.size(); ++k) {
        if (words[k].kind != TokenKind::word)
            continue;
        // "set fire to", "set on fire", "caught fire": a building burns.
        if (words[k].is("fire") && k > 0 && (words[k - 1].is("set") || words[k - 1].is("on") || words[k - 1].is("caught")))
            continue;
        for (const std::string_view stem : harm)
            if (words[k].text.starts_with(stem))
                return true;
    }
    return false;
}

// "Militants attacked the village and burned the school; no casualties":
// an attack on no armed side that only loots or destroys, harming no one,
// is looting/property destruction, as ACLED codes it.
std::optional<EventClassification> DocumentReading::property_only(const Draft& draft,
                                                                  const EventClassification& event) const {
    const std::string_view sub = event.type.sub_event_type;
    if (!(event.type.event_type == acled::violence_against_civilians && sub == "Attack") &&
        !(sub == "Armed clash" && event.unknown_target))
        return std::nullopt;
    std::optional<EventClassification> property;
    for (std::size_t k : draft.sentences) {
        if (tells_of_harm(words_of(k)))
            return std::nullopt;
        for (const auto& t : sentences_[k].triggers)
            if (t.type.sub_event_type == "Looting/property destruction" && !property)
                property = EventClassification{t.type, t.strength, t.begin, t.end};
    }
    return property;
}

// The event of an incident: that of the sentence reporting it, unless a
// protest escalates in the sentences after it (tear gas, a riot), or an
// attack or a development turns into a fight (escalation()).
EventClassification DocumentReading::event_of(const Draft& draft) const {
    EventClassification event = *sentences_[draft.creator].event;
    if (event.type.event_type != acled::protests) {
        for (std::size_t k : draft.sentences)
            if (const auto& later = sentences_[k].event; k > draft.creator && later)
                if (auto escalated = escalation(event, sentences_[k].triggers, *later))
                    return *escalated;
        if (auto property = property_only(draft, event))
            return *property;
        return event;
    }
    auto severity = [](const EventClassification& e) {
        if (e.type.event_type == acled::riots)
            return 3;
        if (e.type.sub_event_type == "Excessive force against protesters")
            return 2;
        if (e.type.sub_event_type == "Protest with intervention")
            return 1;
        return e.type.event_type == acled::protests ? 0 : -1;
    };
    // Demonstrators who burn, loot or wreck make a violent demonstration
    // ("They set fire to the town hall").
    auto stage = [](EventClassification e) {
        if (e.type.sub_event_type == "Looting/property destruction" && e.strength >= 0.7)
            e.type = {acled::riots, "Violent demonstration"};
        return e;
    };
    // So do clashes in which no armed group takes part ("Clashes left a
    // gendarme injured").
    auto among_demonstrators = [&](std::size_t k, EventClassification e) {
        const bool armed = std::any_of(sentences_[k].actors.begin(), sentences_[k].actors.end(),
                                       [](const ActorMention& a) { return armed_group(a); });
        if (e.type.sub_event_type == "Armed clash" && !armed)
            e.type = {acled::riots, "Violent demonstration"};
        return stage(e);
    };
    for (std::size_t k : draft.sentences) {
        if (const auto& other = sentences_[k].event) {
            const auto staged = k != draft.creator ? among_demonstrators(k, *other) : stage(*other);
            if (severity(staged) > severity(event))
                event = staged;
        }
        if (sentences_[k].event)
            continue;  // its event was weighed above, in its context
        for (const auto& trigger : sentences_[k].triggers) {
            const auto other = stage({trigger.type, trigger.strength, trigger.begin, trigger.end});
            if (severity(other) > severity(event))
                event = other;
        }
    }
    return event;
}

// A month, week or range narrowed by a later sentence of the incident that
// gives a day inside it ("in late July" ... "clashes on 27 July").
DateMention DocumentReading::refined_date(const Draft& draft) const {
    if (draft.date.precision == TimePrecision::day)
        return draft.date;
    for (std::size_t k : draft.sentences) {
        if (k == draft.creator)
            continue;
        auto [date, source] = date_of(k);
        if (source == DateSource::sentence && date.precision < draft.date.precision &&
            date.date >= draft.date.first && date.date <= draft.date.last)
            return date;
    }
    return draft.date;
}

Incident DocumentReading::finish(const Draft& draft) const {
    const ResolvedPlace& resolved = *places_[draft.mention];
    const DateMention date = refined_date(draft);
    const EventClassification event = event_of(draft);
    Incident incident;
    incident.event_date = date.date;
    incident.time_precision = date.precision;
    incident.event_type = std::string(event.type.event_type);
    incident.sub_event_type = std::string(event.type.sub_event_type);
    incident.location = resolved.place.name;
    incident.latitude = resolved.place.latitude;
    incident.longitude = resolved.place.longitude;
    incident.geonameid = resolved.place.geonameid;
    incident.country = resolved.place.country_name;
    incident.iso = resolved.place.country;
    incident.admin1 = resolved.place.admin1;
    incident.geo_precision = resolved.precision;
    // Coordinates the report gives in figures are the point itself.
    for (std::size_t k : draft.sentences)
        if (const auto points = find_coordinates(sentences_[k].span.in(text_)); !points.empty()) {
            incident.latitude = points.front().latitude;
            incident.longitude = points.front().longitude;
            incident.geo_precision = GeoPrecision::town;
            break;
        }
    code_actors(draft, incident);
    // A battle needs an armed side against the attacker: an attack on an
    // unnamed target ("attacked Tokabangou", "raided the hamlet") that
    // meets none is violence against civilians, as ACLED codes it.
    if (event.unknown_target && incident.sub_event_type == "Armed clash" && incident.actor2.empty()) {
        incident.event_type = std::string(acled::violence_against_civilians);
        incident.sub_event_type = "Attack";
        incident.actor2 = dictionary_.coded_name("Civilians ({country})", incident.country, incident.event_date);
        incident.inter2 = static_cast<int>(ActorCategory::civilians);
    }
    complete_acled_codes(incident);

    std::vector<Words> deaths;
    for (std::size_t k : draft.death_sentences)
        deaths.push_back(words_of(k));
    const FatalityCount count = count_fatalities(deaths);
    incident.fatalities = count.fatalities;
    incident.fatalities_low = count.low;
    incident.fatalities_high = count.high;

    std::size_t kept = 0;
    for (std::size_t k : draft.sentences) {
        const Sentence& span = sentences_[k].span;
        if (!incident.notes.empty() && kept + (span.end - span.begin) > evidence_bytes)
            break;
        kept += span.end - span.begin;
        incident.notes.push_back({std::string(span.in(text_)), span.begin, span.end});
    }
    incident.doc_id = doc_.id;
    incident.source = source_name(doc_);

    ConfidenceInputs in;
    in.event_strength = event.strength;
    in.place_quality = resolved.quality * (draft.title_place ? 0.7 : 1.0);
    in.date_source = draft.date_source;
    in.date_is_year = is_year_span(date);
    // A negation counts where it governs the event's word ("did not
    // attack"), not elsewhere in the sentence ("over the mayor's failure
    // to act", "for not paying them").
    const auto& creator_event = *sentences_[draft.creator].event;
    in.context_weight =
        assess_context(words_of(draft.creator), creator_event.trigger_begin, creator_event.trigger_end).weight;
    incident.confidence = incident_confidence(in);
    return incident;
}

} // namespace

std::vector<Incident> Extractor::extract(const sources::Document& document) const {
    return extract(document, nullptr, nullptr);
}

namespace {

// Whether two incidents of one report, read from different pieces of it,
// are the same event told again.
bool same_event(const Incident& a, const Incident& b) {
    return a.event_date == b.event_date && a.geonameid == b.geonameid && a.location == b.location &&
           a.event_type == b.event_type && a.sub_event_type == b.sub_event_type && a.actor1 == b.actor1 &&
           a.actor2 == b.actor2;
}

// Adds the incidents of a later piece of a report: an event an earlier
// piece gave already keeps its first reading, with the highest count and
// confidence either gave.
void add_piece_incidents(std::vector<Incident>& incidents, std::vector<Incident> piece) {
    for (auto& incident : piece) {
        auto same = std::find_if(incidents.begin(), incidents.end(),
                                 [&](const Incident& known) { return same_event(known, incident); });
        if (same == incidents.end()) {
            incidents.push_back(std::move(incident));
            continue;
        }
        same->fatalities = std::max(same->fatalities, incident.fatalities);
        same->fatalities_low = std::max(same->fatalities_low, incident.fatalities_low);
        same->fatalities_high = std::max(same->fatalities_high, incident.fatalities_high);
        same->confidence = std::max(same->confidence, incident.confidence);
    }
}

} // namespace

std::vector<Incident> Extractor::extract(const sources::Document& document, ExtractTrace* trace,
                                         RunContext* run) const {
    const auto pieces = split_into_pieces(document.text);
    std::vector<Incident> incidents;
    if (pieces.size() == 1) {
        incidents = DocumentReading(gazetteer_, actors_, document, trace, run).run();
    } else {
        sources::Document part = document;
        part.text.clear();
        part.text.shrink_to_fit();
        for (std::size_t i = 0; i < pieces.size(); ++i) {
            const TextPiece& piece = pieces[i];
            part.text.assign(document.text, piece.begin, piece.end - piece.begin);
            if (i == 1)
                part.title.clear();  // the title heads the first piece only
            auto read = DocumentReading(gazetteer_, actors_, part, trace, run).run();
            for (auto& incident : read) {
                incident.source = source_name(document);
                for (auto& note : incident.notes) {
                    note.begin += piece.begin;
                    note.end += piece.begin;
                }
            }
            add_piece_incidents(incidents, std::move(read));
        }
    }
    if (run)
        run->add(incidents);
    return incidents;
}

void RunContext::add(const std::vector<Incident>& incidents) {
    for (const auto& incident : incidents)
        if (!incident.iso.empty() &&
            (incident.geo_precision == GeoPrecision::town || incident.geo_precision == GeoPrecision::near))
            ++countries_[incident.iso];
}

std::string RunContext::main_country() const { return most_voted(countries_); }

} // namespace incimap::extract
