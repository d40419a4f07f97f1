#include "store/particulars.hpp"

#include "extract/text.hpp"

#include <algorithm>
#include <array>

namespace incimap::store {
namespace {

struct Particular {
    std::string_view name;
    // Whole words or runs of words, folded lowercase, separated by one space.
    std::vector<std::string_view> words;
};

// Occupations, social groups and the places that are theirs: what sets one
// sit-in, one abduction or one attack apart from another in the same town
// on the same day. "militants" is left out: party activists in French,
// armed fighters in English.
const std::array<Particular, 20>& particulars() {
    static const std::array<Particular, 20> list{{
        {"students", {"student", "students", "pupil", "pupils", "schoolchildren", "schoolboys",
                      "schoolgirls", "eleve", "eleves", "etudiant", "etudiants", "etudiante",
                      "etudiantes", "scolaires", "lyceens", "collegiens"}},
        {"teachers", {"teacher", "teachers", "enseignant", "enseignants", "enseignante",
                      "enseignantes", "instituteur", "instituteurs", "professeur", "professeurs"}},
        {"schools", {"school", "schools", "ecole", "ecoles", "lycee", "college", "university",
                     "universite"}},
        {"health", {"health worker", "health workers", "health staff", "medical staff", "nurse",
                    "nurses", "doctor", "doctors", "midwife", "midwives", "hospital", "clinic",
                    "health centre", "health center", "dispensary", "agent de sante",
                    "agents de sante", "personnel de sante", "personnel soignant", "soignants",
                    "infirmier", "infirmiers", "infirmiere", "infirmieres", "medecin", "medecins",
                    "sage femme", "sages femmes", "hopital", "centre de sante", "csps",
                    "dispensaire", "clinique"}},
        {"drivers", {"driver", "drivers", "transporter", "transporters", "trucker", "truckers",
                     "chauffeur", "chauffeurs", "conducteur", "conducteurs", "transporteur",
                     "transporteurs", "routiers", "taxi moto", "taxis motos"}},
        {"traders", {"trader", "traders", "merchant", "merchants", "shopkeeper", "shopkeepers",
                     "vendor", "vendors", "market", "markets", "commercant", "commercants",
                     "commercante", "commercantes", "marchand", "marchands", "vendeur", "vendeurs",
                     "vendeuses", "boutiquier", "boutiquiers", "le marche", "du marche",
                     "au marche", "un marche", "des marches"}},
        {"miners", {"miner", "miners", "gold mine", "gold mining", "mining site", "orpailleur",
                    "orpailleurs", "orpaillage", "mineurs", "site minier"}},
        {"farmers", {"farmer", "farmers", "cultivator", "cultivators", "peasants", "cultivateur",
                     "cultivateurs", "agriculteur", "agriculteurs", "paysan", "paysans"}},
        {"herders", {"herder", "herders", "herdsman", "herdsmen", "pastoralist", "pastoralists",
                     "shepherd", "shepherds", "cattle", "livestock", "eleveur", "eleveurs",
                     "berger", "bergers", "betail"}},
        {"women", {"women", "femmes"}},
        {"youths", {"youth", "youths", "young people", "young men", "jeunes", "jeunesse"}},
        {"relatives", {"relatives", "families", "family members", "proches", "familles",
                       "parents de", "detainees", "detenus"}},
        {"judiciary", {"magistrate", "magistrates", "judge", "judges", "lawyer", "lawyers",
                       "court clerks", "magistrat", "magistrats", "juge", "juges", "avocat",
                       "avocats", "greffiers"}},
        {"journalists", {"journalist", "journalists", "reporter", "reporters", "media workers",
                         "media professionals", "journaliste", "journalistes",
                         "professionnels des medias", "hommes de medias"}},
        {"employees", {"employee", "employees", "employe", "employes", "salaries", "ouvriers"}},
        {"worship", {"worshipper", "worshippers", "church", "churches", "mosque", "mosques",
                     "priest", "imam", "pastor", "catechist", "fideles", "eglise", "eglises",
                     "mosquee", "mosquees", "pretre", "pasteur", "catechiste"}},
        {"officials", {"village chief", "chief of", "mayor", "prefect", "councillor",
                       "councilor", "town hall", "chef du village", "chef de village",
                       "chef coutumier", "maire", "mairie", "prefet", "conseiller",
                       "conseillers"}},
        {"security forces", {"soldier", "soldiers", "troops", "gendarme", "gendarmes",
                             "policeman", "policemen", "police officers", "militaire",
                             "militaires", "soldat", "soldats", "policiers", "customs",
                             "douaniers", "forest guards", "rangers", "eaux et forets"}},
        {"supporters", {"supporters", "partisans", "sympathisants"}},
        {"passengers", {"passenger", "passengers", "traveller", "travellers", "traveler",
                        "travelers", "bus", "passagers", "voyageurs", "car de transport"}},
    }};
    return list;
}

// TEXT folded to lowercase ASCII words separated by one space, with a space
// at each end: " gunmen killed two teachers ".
std::string word_line(std::string_view text) {
    const std::string folded = extract::fold_lower(text);
    std::string line = " ";
    for (char c : folded) {
        if (extract::is_ascii_alpha(c) || static_cast<unsigned char>(c) >= 0x80)
            line += c;
        else if (line.back() != ' ')
            line += ' ';
    }
    if (line.back() != ' ')
        line += ' ';
    return line;
}

} // namespace

Particulars particulars_of(std::string_view text) {
    const std::string line = word_line(text);
    Particulars set = 0;
    std::string needle;
    const auto& list = particulars();
    for (std::size_t i = 0; i < list.size(); ++i)
        for (std::string_view words : list[i].words) {
            needle.assign(" ").append(words).append(" ");
            if (line.find(needle) != std::string::npos) {
                set |= Particulars{1} << i;
                break;
            }
        }
    return set;
}

namespace {

// A word of the folded text, with whether only spaces part it from the
// word before.
struct Word {
    std::string text;
    std::size_t source_bytes = 0;  // length in the original text
    bool joined = false;
};

std::vector<Word> words_of(std::string_view text) {
    const auto folded = extract::fold(text);
    const std::string& s = folded.cased;
    std::vector<Word> words;
    bool only_spaces = false;
    for (std::size_t i = 0; i < s.size();) {
        auto is_word_char = [&](std::size_t k) {
            char c = s[k];
            return extract::is_ascii_alpha(c) || extract::is_ascii_digit(c) ||
                   static_cast<unsigned char>(c) >= 0x80 ||
                   ((c == '\'' || c == '-') && k + 1 < s.size() &&
                    extract::is_ascii_alpha(s[k + 1]));
        };
        if (!is_word_char(i) || s[i] == '\'' || s[i] == '-') {
            only_spaces = only_spaces && s[i] == ' ';
            ++i;
            continue;
        }
        std::size_t end = i;
        while (end < s.size() && is_word_char(end))
            ++end;
        words.push_back({s.substr(i, end - i), folded.source_end(end) - folded.source_begin(i),
                         only_spaces && !words.empty()});
        only_spaces = true;
        i = end;
    }
    return words;
}

bool capitalised(const Word& w) { return extract::is_ascii_upper(w.text.front()); }

std::string lower(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        c = extract::ascii_lower(c);
    return out;
}

// Words before a place name saying where something happened.
bool locative(const std::vector<Word>& words, std::size_t k) {
    static const std::array<std::string_view, 10> one{
        "in", "at", "near", "outside", "around", "between", "vers", "dans", "entre", "a"};
    static const std::array<std::string_view, 22> two{
        "village of", "villages of", "hamlet of", "town of", "city of", "area of",
        "locality of", "commune of", "outskirts of", "vicinity of", "pres de", "village de",
        "villages de", "hameau de", "localite de", "commune de", "ville de", "environs de",
        "secteur de", "alentours de", "region de", "province de"};
    if (k == 0 || !words[k].joined)
        return false;
    const Word& before = words[k - 1];
    const std::string one_word = lower(before.text);
    // "à" folds to "a", which in English is the article before "a Fulani
    // herder": only the accented one counts.
    if (one_word == "a" && before.source_bytes == 1)
        return false;
    if (std::find(one.begin(), one.end(), one_word) != one.end())
        return true;
    if (k < 2 || !before.joined)
        return false;
    const std::string two_words = lower(words[k - 2].text) + " " + one_word;
    return std::find(two.begin(), two.end(), two_words) != two.end();
}

bool month_or_day(const std::string& word) {
    static const std::array<std::string_view, 38> names{
        "january", "february", "march", "april", "may", "june", "july", "august",
        "september", "october", "november", "december", "janvier", "fevrier", "mars",
        "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre", "novembre",
        "decembre", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
        "sunday", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"};
    return std::find(names.begin(), names.end(), word) != names.end();
}

} // namespace

std::vector<std::string> named_places(std::string_view text) {
    const auto words = words_of(text);
    std::vector<std::string> places;
    for (std::size_t k = 0; k < words.size(); ++k) {
        if (!capitalised(words[k]) || !locative(words, k))
            continue;
        std::string name = lower(words[k].text);
        if (month_or_day(name))
            continue;
        while (k + 1 < words.size() && words[k + 1].joined && capitalised(words[k + 1]))
            name += " " + lower(words[++k].text);
        if (std::find(places.begin(), places.end(), name) == places.end())
            places.push_back(std::move(name));
    }
    return places;
}

bool places_compatible(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    if (a.empty() || b.empty())
        return true;
    auto names = [](const std::vector<std::string>& list, const std::string& place) {
        return std::find(list.begin(), list.end(), place) != list.end();
    };
    return names(a, b.front()) || names(b, a.front());
}

std::vector<std::string> particular_names(Particulars set) {
    std::vector<std::string> names;
    const auto& list = particulars();
    for (std::size_t i = 0; i < list.size(); ++i)
        if (set & (Particulars{1} << i))
            names.emplace_back(list[i].name);
    return names;
}

} // namespace incimap::store
