# Data files of the reader, embedded into incimap (see cmake/EmbedResources.cmake).
incimap_embed_resource(incimap_core extract/actors.tsv ${CMAKE_CURRENT_SOURCE_DIR}/extract/actors.tsv)
incimap_embed_resource(incimap_core extract/place_ranker.tsv ${CMAKE_CURRENT_SOURCE_DIR}/extract/place_ranker.tsv)
