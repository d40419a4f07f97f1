// A small gazetteer for the reader's tests: the Sahel places the test
// reports name, their homonyms (Koro in Mopti and in Koulikoro, Kidal the
// town, the region and the wadi, Bamako the capital and a stream, Sa in
// Burkina Faso and in Mali, Tonga the village and the country), the
// admin1 regions and the three countries. Coordinates and codes are
// GeoNames' (CC BY 4.0); the rows are cut down to what the reader uses.
// Moura, Inates and Arbinda, which the test reports need, have made-up ids
// from 9000001 on, at their approximate positions.
#pragma once

#include "extract/place_resolver.hpp"
#include "gazetteer/dump_reader.hpp"
#include "gazetteer/gazetteer.hpp"
#include "gazetteer/index_builder.hpp"

#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

namespace incimap::test {

// "id|name|alternates|lat|lon|class|code|cc|admin1|population" per line.
inline constexpr std::string_view sahel_places = R"(2460596|Bamako||12.65|-8|P|PPLC|ML|01|1297281
2460595|Bamako||14.58333|-4.41667|H|STMI|ML|00|0
2460594|Bamako Region|Bamako|12.65|-8|A|ADM1|ML|01|0
2457816|Faladié|Faladie|12.59469|-7.94706|P|PPL|ML|01|0
2455290|Kidal||18.44111|1.40778|P|PPLA|ML|10|11643
2455289|Kidal||18.46111|1.385|H|WAD|ML|00|0
2597449|Kidal Region|Kidal,Region de Kidal|19.4|1.2|A|ADM1|ML|10|0
2476086|Ti-n-Zaouâtene|Tin Zaouaten,Tinzaouaten,Tinzaouatine,Tinzaouatene,Tin Zaouatine|19.95427|2.96732|P|PPL|ML|10|0
2461247|Aguelhok|Aguelhoc|19.46139|0.85889|P|PPL|ML|10|0
2453348|Mopti||14.4843|-4.18296|P|PPLA|ML|04|108456
2453347|Mopti Region|Mopti,Region de Mopti|14.7|-3.4|A|ADM1|ML|04|0
2454674|Koro||14.064|-3.07539|P|PPLA2|ML|04|0
2454673|Koro||14.6266|-7.9842|P|PPL|ML|07|0
2454532|Koulikoro Region|Koulikoro|13.8|-7.5|A|ADM1|ML|07|0
2458334|Douentza||15.00155|-2.94978|P|PPLA2|ML|04|8054
2459917|Boni||15.07658|-2.21976|P|PPL|ML|04|0
2362204|Boni||11.56667|-3.4|P|PPL|BF|09|0
9000001|Moura||14.12|-4.58|P|PPL|ML|04|0
2457163|Gao||16.27167|-0.04472|P|PPLA|ML|09|87000
2457161|Gao Region|Gao|16.6|1.6|A|ADM1|ML|09|0
2440485|Niamey||13.51366|2.1098|P|PPLC|NE|08|774235
2595294|Niamey||13.52139|2.10528|A|ADM1|NE|08|0
2438678|Tillabéri|Tillaberi|14.20711|1.45418|P|PPLA|NE|09|19262
2595293|Tillabéri Region|Tillaberi,Region de Tillaberi|14.6|1.8|A|ADM1|NE|09|0
9000002|Inates|Inatès|15.06|1.08|P|PPL|NE|09|0
2357048|Ouagadougou||12.36566|-1.53388|P|PPLC|BF|03|1086505
2361177|Djibo||14.0994|-1.62554|P|PPLA2|BF|12|22223
9000003|Arbinda||14.2308|-0.8682|P|PPLA3|BF|12|11000
6930713|Sahel Region|Sahel,Region du Sahel|14.1|-0.5|A|ADM1|BF|12|0
2361082|Dori||14.0354|-0.0345|P|PPLA|BF|12|37806
2458387|Dori||14.7902|-5.0437|P|PPL|ML|04|0
2356167|Sa||12.31667|-1.85|P|PPL|BF|06|0
2451922|Sa|Sah|15.6259|-4.0488|P|PPL|ML|04|0
2453866|Mali|Republic of Mali|17|-4|A|PCLI|ML|00|13796354
2361809|Burkina Faso|Burkina|12.5|-1.66667|A|PCLI|BF|00|16241811
2440476|Niger|Republic of Niger|18|9|A|PCLI|NE|00|15878271
2354246|Tonga||14.0407|-0.45825|P|PPL|BF|12|0
4032283|Tonga|Kingdom of Tonga|-20|-175|A|PCLI|TO|00|103197
)";

inline constexpr std::string_view sahel_admin1 = R"(ML.01	Bamako	Bamako	2460594
ML.04	Mopti	Mopti	2453347
ML.07	Koulikoro	Koulikoro	2454532
ML.09	Gao	Gao	2457161
ML.10	Kidal	Kidal	2597449
NE.08	Niamey	Niamey	2595294
NE.09	Tillabéri	Tillaberi	2595293
BF.03	Centre	Centre	6930704
BF.06	Centre-Ouest	Centre-Ouest	6930707
BF.09	Hauts-Bassins	Hauts-Bassins	6930710
BF.12	Sahel	Sahel	6930713
)";

inline constexpr std::string_view sahel_countries = R"(BF	BFA	854	UV	Burkina Faso	Ouagadougou	274200	16241811	AF	.bf	XOF	Franc	226			fr-BF	2361809	NE,BJ,GH,CI,TG,ML	
ML	MLI	466	ML	Mali	Bamako	1240000	13796354	AF	.ml	XOF	Franc	223			fr-ML,bm	2453866	SN,NE,DZ,CI,GN,MR,BF	
NE	NER	562	NG	Niger	Niamey	1267000	15878271	AF	.ne	XOF	Franc	227			fr-NE,ha,kr,dje	2440476	TD,BJ,DZ,LY,BF,NG,ML	
TO	TON	776	TN	Tonga	Nuku'alofa	748	103197	OC	.to	TOP	Pa'anga	676			to,en-TO	4032283		
)";

inline std::vector<std::string> lines_of(std::string_view text) {
    std::vector<std::string> lines;
    std::istringstream in{std::string(text)};
    for (std::string line; std::getline(in, line);)
        if (!line.empty())
            lines.push_back(line);
    return lines;
}

// The 19 GeoNames columns of a short fixture row.
inline std::string geonames_row(const std::string& row) {
    std::vector<std::string> f;
    std::istringstream in(row);
    for (std::string field; std::getline(in, field, '|');)
        f.push_back(field);
    f.resize(10);
    return f[0] + '\t' + f[1] + '\t' + f[1] + '\t' + f[2] + '\t' + f[3] + '\t' + f[4] + '\t' +
           f[5] + '\t' + f[6] + '\t' + f[7] + "\t\t" + f[8] + "\t\t\t\t" + f[9] +
           "\t\t0\tAfrica/Bamako\t2024-01-01";
}

// A gazetteer of rows in the formats above: places, admin1 codes, countries.
inline gazetteer::Gazetteer gazetteer_of(std::string_view places, std::string_view admin1_rows,
                                         std::string_view countries) {
    gazetteer::IndexBuilder builder;
    std::string problem;
    for (const auto& row : lines_of(places)) {
        const std::string line = geonames_row(row);
        auto place = gazetteer::parse_place_row(line, problem);
        INFO(line << ": " << problem);
        REQUIRE(place);
        builder.add_place(*place);
    }
    for (const auto& line : lines_of(admin1_rows)) {
        auto admin1 = gazetteer::parse_admin1_row(line, problem);
        INFO(line << ": " << problem);
        REQUIRE(admin1);
        builder.add_admin1(*admin1);
    }
    for (const auto& line : lines_of(countries)) {
        auto country = gazetteer::parse_country_row(line, problem);
        INFO(line << ": " << problem);
        REQUIRE(country);
        builder.add_country(*country);
    }
    std::vector<gazetteer::Index> layers;
    layers.push_back(gazetteer::Index::from_buffer(builder.build(), "test fixture"));
    return gazetteer::Gazetteer::from_indexes(std::move(layers));
}

inline gazetteer::Gazetteer sahel_gazetteer() {
    return gazetteer_of(sahel_places, sahel_admin1, sahel_countries);
}

// The mentions of a short document, one sentence per string.
inline std::vector<extract::PlaceMention> mentions_of(const std::vector<std::string>& sentences) {
    static const extract::ActorDictionary actors = extract::ActorDictionary::builtin();
    std::vector<extract::PlaceMention> all;
    for (std::size_t s = 0; s < sentences.size(); ++s)
        for (auto m : extract::find_place_mentions(sentences[s], actors)) {
            m.sentence = s;
            all.push_back(std::move(m));
        }
    return all;
}

// The place the gazetteer resolves for the mention `name` of a document.
inline std::optional<extract::ResolvedPlace> place_named_in(const gazetteer::Gazetteer& gazetteer,
                                                            const std::vector<std::string>& sentences,
                                                            std::string_view name,
                                                            extract::PlaceContext context = {}) {
    const auto mentions = mentions_of(sentences);
    const auto places = extract::PlaceResolver(gazetteer).resolve(mentions, context);
    for (std::size_t i = 0; i < mentions.size(); ++i)
        if (mentions[i].name == name)
            return places[i];
    FAIL("no mention named " << name);
    return std::nullopt;
}

} // namespace incimap::test
