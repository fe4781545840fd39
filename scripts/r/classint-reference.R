# Reference class breaks for the map classifications (src/core/map/classify.ts), written to
# test/fixtures/classint/reference.json. Data: Jenks & Caspall's (1971) Illinois farm-product
# values (`jenks71`, spData) — the classic natural-breaks example — and Columbus CRIME and HOVAL.
#   fisher    classInt::classIntervals(x, k, style = "fisher")$brks (Fisher 1958 exact optimum;
#             breaks midway between classes) and the class counts
#   jenks     classIntervals(x, k, style = "jenks")$brks (class maxima) and counts
#   equal     classIntervals(x, k, style = "equal")$brks
#   quantile5 quantile(x, (1:(k-1))/k, type = 5) (GeoDa's percentile definition)
#   fivenum   Tukey's hinges (GeoDa's box map hinges), mean and sd
# Usage (repository root): Rscript scripts/r/classint-reference.R
suppressMessages({ library(classInt); library(jsonlite) })
data(jenks71, package = "spData")
columbus <- read.csv("test/fixtures/columbus/data.csv")
sets <- list(jenks71 = jenks71$jenks71, columbus_CRIME = columbus$CRIME, columbus_HOVAL = columbus$HOVAL)
one <- function(x) {
  per_k <- lapply(3:7, function(k) {
    f <- classIntervals(x, k, style = "fisher")
    j <- classIntervals(x, k, style = "jenks")
    e <- classIntervals(x, k, style = "equal")
    list(k = k,
         fisher = list(brks = f$brks, counts = as.vector(table(factor(findCols(f), levels = 1:k)))),
         jenks = list(brks = j$brks, counts = as.vector(table(factor(findCols(j), levels = 1:k)))),
         equal = e$brks,
         quantile5 = unname(quantile(x, (1:(k - 1)) / k, type = 5)))
  })
  list(values = x, fivenum = fivenum(x), mean = mean(x), sd = sd(x), by_k = per_k)
}
out <- list(
  generated_by = sprintf("scripts/r/classint-reference.R, %s, classInt %s, spData %s", R.version.string, packageVersion("classInt"), packageVersion("spData")),
  sets = lapply(sets, one))
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = FALSE), "test/fixtures/classint/reference.json")
cat("wrote test/fixtures/classint/reference.json\n")
