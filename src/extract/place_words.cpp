#include "extract/place_words.hpp"

#include "extract/text.hpp"

#include <initializer_list>
#include <unordered_map>
#include <utility>
#include <vector>

namespace incimap::extract::place_words {
namespace {

using Words = std::initializer_list<std::string_view>;

// A word's value: the words are filled in a map (the first value given to a
// word stays), then indexed() lays them out as a WordSet and the values in
// its order, so that a lookup rejects most words on their first byte and
// length and needs no hashing.
template <typename Value>
struct Table {
    std::unordered_map<std::string_view, Value> filling;
    WordSet keys;
    std::vector<Value> values;  // values[k]: the value of keys.words()[k]
};

template <typename Value>
void add(Table<Value>& table, Words words, Value value) {
    for (auto w : words)
        table.filling.emplace(w, value);
}

template <typename Value>
Table<Value> indexed(Table<Value> table) {
    std::vector<std::string_view> keys;
    for (const auto& entry : table.filling)
        keys.push_back(entry.first);
    table.keys = WordSet(std::move(keys));
    for (std::string_view key : table.keys.words())
        table.values.push_back(table.filling.at(key));
    table.filling.clear();
    return table;
}

// Built once, then only read: safe from several threads.
const Table<NonPlace>& non_places() {
    static const Table<NonPlace> table = [] {
        Table<NonPlace> t;
        add(t, {"the", "a", "an", "on", "in", "at", "by", "for", "from", "to", "of", "and", "but",
                "or", "nor", "as", "after", "before", "during", "while", "when", "since", "until",
                "this", "that", "these", "those", "it", "its", "he", "she", "they", "we", "i", "you",
                "his", "her", "their", "our", "some", "several", "many", "most", "all", "no",
                "none", "other", "others", "another", "according", "however", "meanwhile", "also",
                "earlier", "later", "then", "there", "here", "yesterday", "today", "tonight",
                "tomorrow", "local", "residents", "witnesses", "sources", "security", "unknown",
                "unidentified", "suspected", "presumed", "alleged", "armed", "gunmen", "militants",
                "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                "around", "about", "over", "under", "between", "near", "north", "south", "east",
                "west", "northern", "southern", "eastern", "western", "central", "northeast",
                "northwest", "southeast", "southwest", "what", "who", "why", "how", "where",
                "which", "if", "not", "so", "such", "both", "each", "every", "any", "more", "less",
                "fighting", "attack", "attacks", "clashes", "violence", "news", "breaking",
                "update", "report", "reports", "analysis", "opinion", "editorial", "photo",
                "video", "read", "share", "title", "published", "url", "source", "mr", "mrs", "ms",
                "le", "la", "les", "un", "une", "des", "du", "de", "et", "ou", "dans", "sur",
                "selon", "depuis", "lors", "apres", "avant", "pendant", "hier", "aujourd",
                "outcome", "casualties", "fatalities", "size", "unknown", "information",
                "operation", "operations", "islam", "islamic", "muslim", "muslims", "christian",
                "christians", "catholic", "church", "jihadist", "jihadists", "covid", "coronavirus",
                "eid", "ramadan", "tabaski", "christmas", "god", "allah", "qaeda", "qaida",
                "qaïda", "al", "ansar", "state", "states", "alliance", "confederation", "junta",
                "coup", "republic", "kingdom", "nations", "united", "union", "international",
                "national", "regional", "federal", "popular", "democratic", "liberation",
                "independent", "transitional", "special", "general"},
            NonPlace::common);
        add(t, {"january", "february", "march", "april", "may", "june", "july", "august",
                "september", "october", "november", "december", "jan", "feb", "mar", "apr",
                "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "monday", "tuesday",
                "wednesday", "thursday", "friday", "saturday", "sunday", "janvier", "fevrier",
                "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre", "novembre",
                "decembre", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi",
                "dimanche"},
            NonPlace::calendar);
        add(t, {"president", "vice", "prime", "minister", "ministers", "gen", "general", "col",
                "colonel", "lt", "lieutenant", "capt", "captain", "maj", "major", "sgt",
                "sergeant", "commander", "marshal", "adm", "admiral", "dr", "prof", "imam",
                "sheikh", "cheikh", "chief", "king", "prince", "emir", "mayor", "governor",
                "prefect", "deputy", "senator", "judge", "pope", "father", "saint", "st",
                "spokesman", "spokesperson", "leader", "secretary", "ambassador", "envoy",
                "monsieur", "madame", "capitaine", "colonel-major", "pr", "hon"},
            NonPlace::title);
        add(t, {"mohamed", "mohammed", "muhammad", "mahamadou", "mohamadou", "ahmed", "ahmad",
                "amadou", "ahmadou", "hamadoun", "hamadou", "ibrahim", "ibrahima", "moussa",
                "oumar", "omar", "umar", "abdoulaye", "abdallah", "abdullah", "abdou", "abdel",
                "abdelkader", "abderrahmane", "iyad", "assimi", "said", "saïd", "ali", "aliou",
                "boubacar", "mamadou", "adama", "issa", "souleymane", "seydou", "modibo",
                "ousmane", "idrissa", "salif", "yacouba", "hassan", "hussein", "abu", "abou",
                "roch", "blaise", "mahamane", "hamid", "malick", "cheick", "sidi", "sadio",
                "bakary", "lassina", "karim", "paul", "henri", "emmanuel", "vladimir",
                "yevgeny", "antonio", "antónio", "choguel", "abdourahamane", "mahamat", "idriss",
                "salah", "fatouma", "aminata", "mariam", "fatima", "aissata", "awa", "kadidia",
                "hamma", "alassane", "ismael", "ismail", "yusuf", "youssouf", "bilal",
                "oumarou", "harouna", "boureima", "hama", "sekou", "tiemoko", "jean", "pierre",
                "marie", "john", "michel", "ag"},
            NonPlace::given_name);
        add(t, {"traore", "traoré", "keita", "diallo", "coulibaly", "toure", "cisse", "konate",
                "kone", "sidibe", "diarra", "sangare", "ouedraogo", "sawadogo", "kabore",
                "compaore", "zongo", "bazoum", "tchiani", "goita", "damiba", "maiga", "kouffa",
                "koufa", "ghaly", "sanogo", "dicko", "issoufou", "tandja", "macron", "putin",
                "prigozhin", "wagner", "ouattara", "zida", "kafando", "sankara", "boly", "diop",
                "ndiaye", "sall", "kante", "doumbia", "dembele", "camara", "fofana", "bah",
                "barry", "guterres", "wane", "mariko", "dembélé", "samake", "sissoko",
                "mohamud", "sahraoui", "sahrawi", "belmokhtar", "droukdel", "tiani", "salifou",
                "mody", "zerbo", "lamizana", "guindo", "togo", "dolo", "ongoiba", "kassogue",
                "tembely", "yattara", "ag-ghaly", "younous", "mahamadou"},
            NonPlace::surname);
        add(t, {"malian", "malians", "burkinabe", "burkinabes", "burkinabè", "nigerien",
                "nigeriens", "nigerian", "nigerians", "algerian", "algerians", "mauritanian",
                "mauritanians", "ivorian", "ivorians", "ghanaian", "togolese", "beninese",
                "chadian", "senegalese", "guinean", "libyan", "moroccan", "french", "russian",
                "russians", "american", "americans", "turkish", "chinese", "ukrainian",
                "european", "african", "africans", "western", "arab", "arabs", "arabic",
                "fulani", "fula", "fulbe", "peul", "peuls", "peulh", "peulhs", "dogon", "dogons",
                "tuareg", "tuaregs", "touareg", "touaregs", "tamasheq", "bambara", "bamanan",
                "songhai", "songhay", "songhoy", "sonrai", "mossi", "gourmantche", "gurmanche",
                "bella", "daoussak", "dawsahak", "idaksahak", "imghad", "ifoghas", "kel",
                "hausa", "haoussa", "kanuri", "djerma", "zarma", "toubou", "tubu", "bozo",
                "dafing", "samo", "foulse", "kurumba", "rimaibe", "bobo", "lobi", "gurunsi",
                "senufo", "minianka", "marka", "soninke", "malinke", "moors", "moor", "fulfulde",
                "english", "francophone", "anglophone", "sunni", "shia", "salafist",
                "wahhabi", "malienne", "maliens", "nigerienne", "burkinabee", "francaise",
                "francais", "russe", "russes", "sahelian", "sahelien", "azawadi", "jihadi"},
            NonPlace::demonym);
        add(t, {"council", "ministry", "government", "army", "police", "gendarmerie", "forces",
                "force", "military", "navy", "guard", "brigade", "battalion", "regiment",
                "group", "groups", "movement", "front", "coalition", "committee", "commission",
                "office", "agency", "agence", "presse", "press", "reuters", "afp", "ap", "rfi",
                "bbc", "cnn", "facebook", "twitter", "whatsapp", "telegram", "youtube", "radio",
                "television", "tv", "newspaper", "journal", "times", "post", "news", "hospital",
                "university", "school", "court", "assembly", "parliament", "senate", "party",
                "association", "red", "cross", "crescent", "ngo", "unicef", "unhcr", "ocha",
                "msf", "hrw", "amnesty", "watch", "human", "rights", "bank", "company",
                "corporation", "ecowas", "cedeao", "minusma", "barkhane", "takuba", "serval",
                "eutm", "aes", "defence", "defense", "interior", "affairs", "justice",
                "department", "headquarters", "staff", "embassy", "consulate", "mission",
                "operation", "sahel-security", "alert", "alerts", "network", "foundation",
                "institute", "centre", "center", "acled", "jnim", "gsim", "isgs", "iswap",
                "fama", "vdp", "fds", "fan", "aqim", "cma", "csp", "fla", "mnla", "hcua",
                "gatia", "msa", "jihad", "charter", "accord", "agreement", "treaty",
                "declaration", "constitution", "law", "decree", "resolution", "summit",
                "conference", "ministere", "armee", "gouvernement", "forces", "douane",
                "customs", "prison", "airline", "airlines", "mali-info", "infowakat",
                "burkina24", "lefaso", "aib", "anp", "ortm", "ortb", "rtb", "studio", "tamani",
                "kibaru"},
            NonPlace::organisation);
        add(t, {"sahel", "sahara", "sahelian", "maghreb", "africa", "azawad", "europe",
                "middle", "world", "continent"},
            NonPlace::broad_area);
        return indexed(std::move(t));
    }();
    return table;
}

const Table<Cue>& prepositions() {
    static const Table<Cue> table = [] {
        Table<Cue> t;
        add(t, {"in", "at", "near", "around", "outside", "inside", "into", "within", "dans", "pres", "vers", "en", "aux", "au"},
            Cue::strong);
        add(t, {"on", "to", "from", "towards", "toward", "between", "across", "through", "via",
                "entre", "depuis", "sur", "a", "beyond", "past", "along", "off", "of", "de", "du",
                "d", "des", "and", "or", "et", "ou"},
            Cue::weak);
        return indexed(std::move(t));
    }();
    return table;
}

const Table<PlaceNoun>& place_nouns() {
    static const Table<PlaceNoun> table = [] {
        Table<PlaceNoun> t;
        add(t, {"town", "towns", "village", "villages", "city", "locality", "localities",
                "hamlet", "hamlets", "settlement", "municipality", "capital", "ville",
                "localite", "hameau", "agglomeration", "site", "sites", "chef-lieu"},
            PlaceNoun::settlement);
        add(t, {"airport", "camp", "base", "barracks", "market", "mosque", "church", "school",
                "hospital", "checkpoint", "post", "station", "mine", "prison", "bridge",
                "garrison", "aeroport", "marche", "mosquee", "ecole", "poste", "gendarmerie",
                "police", "residence", "office", "hall", "outpost", "position", "positions"},
            PlaceNoun::site);
        add(t, {"outskirts", "vicinity", "environs", "surroundings", "periphery", "edge",
                "suburbs", "suburb", "neighbourhood", "neighborhood", "outskirt", "abords",
                "environ", "alentours", "peripherie", "banlieue", "axis", "axe", "road",
                "route", "highway", "forest", "foret", "bush", "river", "outside"},
            PlaceNoun::near);
        add(t, {"district", "districts", "commune", "communes", "department", "departement",
                "cercle", "cercles", "area", "areas", "zone", "zones", "province", "provinces",
                "prefecture", "county", "sector", "secteur", "arrondissement", "canton",
                "municipal", "rural", "subdivision", "locality-area", "quarter"},
            PlaceNoun::area);
        add(t, {"region", "regions", "state"}, PlaceNoun::region);
        add(t, {"north", "south", "east", "west", "northeast", "northwest", "southeast",
                "southwest", "nord", "sud", "est", "ouest", "north-east", "north-west",
                "south-east", "south-west", "kilometres", "kilometers", "km", "kms", "miles"},
            PlaceNoun::direction);
        return indexed(std::move(t));
    }();
    return table;
}

const Table<std::string_view>& demonyms() {
    static const Table<std::string_view> table = [] {
        Table<std::string_view> t;
        add(t, {"malian", "malians", "malienne", "maliens", "mali"}, std::string_view("ML"));
        add(t, {"burkinabe", "burkinabes", "burkinabè", "burkinabee", "burkina"},
            std::string_view("BF"));
        add(t, {"nigerien", "nigeriens", "nigerienne"}, std::string_view("NE"));
        return indexed(std::move(t));
    }();
    return table;
}

template <typename Value>
Value find_in(const Table<Value>& table, std::string_view word, Value otherwise) {
    const std::size_t k = table.keys.find(word);
    return k == WordSet::npos ? otherwise : table.values[k];
}

} // namespace

NonPlace non_place(std::string_view word) { return find_in(non_places(), word, NonPlace::none); }

std::string_view demonym_country(std::string_view word) {
    return find_in(demonyms(), word, std::string_view());
}

Cue preposition_cue(std::string_view word) { return find_in(prepositions(), word, Cue::none); }

bool is_place_verb(std::string_view word) {
    static const Table<bool> table = [] {
        Table<bool> t;
        add(t, {"attack", "attacks", "attacked", "attacking", "raid", "raids", "raided", "raiding",
                "storm", "stormed", "storming", "overran", "overrun", "besiege", "besieged",
                "besieging", "invaded", "occupied", "occupy", "captured", "recaptured", "shelled",
                "bombed", "struck", "targeted", "entered", "looted", "pillaged", "ransacked",
                "burned", "burnt", "torched", "attaque", "attaquent", "attaquaient", "pille",
                "incendie", "investi", "occupe", "bombarde", "frappe", "cible", "assiege"},
            true);
        return indexed(std::move(t));
    }();
    return find_in(table, word, false);
}

bool is_movement_verb(std::string_view word) {
    static const Table<bool> table = [] {
        Table<bool> t;
        add(t, {"taken", "evacuated", "flown", "airlifted", "transferred", "transported", "rushed",
                "brought", "moved", "fled", "flee", "fleeing", "sent", "relocated",
                "displaced", "escorted", "driven"},
            true);
        return indexed(std::move(t));
    }();
    return find_in(table, word, false);
}

bool is_institution(std::string_view word) {
    static const Table<bool> table = [] {
        Table<bool> t;
        add(t, {"authorities", "government", "junta", "regime", "autorites", "gouvernement", "junte",
                "regime", "pouvoir"},
            true);
        return indexed(std::move(t));
    }();
    return find_in(table, word, false);
}

PlaceNoun place_noun(std::string_view word) {
    return find_in(place_nouns(), word, PlaceNoun::none);
}

bool is_name_particle(std::string_view word) {
    return word == "de" || word == "du" || word == "des" || word == "el" || word == "al" ||
           word == "n" || word == "ti" || word == "la" || word == "di";
}

bool is_determiner(std::string_view word) {
    return word == "the" || word == "la" || word == "le" || word == "les" || word == "l" ||
           word == "this" || word == "that";
}

} // namespace incimap::extract::place_words
