# The reports `incimap run` reads when given no input (job/default_reports.hpp):
# the reports and feeds of examples/articles, embedded as examples/articles/NAME.
file(GLOB INCIMAP_EXAMPLE_ARTICLES CONFIGURE_DEPENDS
  ${PROJECT_SOURCE_DIR}/examples/articles/*.txt
  ${PROJECT_SOURCE_DIR}/examples/articles/*.html
  ${PROJECT_SOURCE_DIR}/examples/articles/*.xml
  ${PROJECT_SOURCE_DIR}/examples/articles/*.jsonl)
foreach(article ${INCIMAP_EXAMPLE_ARTICLES})
  get_filename_component(article_name ${article} NAME)
  incimap_embed_resource(incimap_core examples/articles/${article_name} ${article})
endforeach()
