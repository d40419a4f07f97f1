#include "gazetteer/embedded.hpp"

#include "core/resources.hpp"

namespace incimap::gazetteer {

Index embedded_index() {
    return Index::from_static(resource(embedded_index_resource), "embedded West-Africa gazetteer");
}

} // namespace incimap::gazetteer
