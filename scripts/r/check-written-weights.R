# Checks that spdep reads the GAL and GWT files SAR Studio writes (test/fixtures/weights-files,
# produced by src/core/io/writeWeights.ts and compared byte for byte by
# test/unit/io-writeWeights.test.ts) as the weights spdep itself builds.
# Usage (repository root): Rscript scripts/r/check-written-weights.R   (exit status 1 on a mismatch)
suppressMessages({ library(spdep); library(sf) })
dir <- "test/fixtures/weights-files"
col <- read.csv("test/fixtures/columbus/data.csv")
coords <- cbind(col$X, col$Y)
failed <- FALSE
ok <- function(cond, what) {
  cat(if (isTRUE(cond)) "OK  " else "FAIL", what, "\n")
  if (!isTRUE(cond)) failed <<- TRUE
}
lists <- function(nb) lapply(unclass(nb), function(v) sort(as.integer(v[v > 0])))
same_nb <- function(a, b) identical(lists(a), lists(b))
cat(R.version.string, "spdep", format(packageVersion("spdep")), "\n")

geo <- st_read("test/fixtures/columbus/geometry.geojson", quiet = TRUE)
ok(all(geo$NEIGNO == col$NEIGNO), "geometry.geojson features are in data.csv row order")

g <- read.gal(file.path(dir, "columbus-queen-NEIGNO.gal"), region.id = col$NEIGNO)
ok(same_nb(g, poly2nb(geo, queen = TRUE)), "read.gal(columbus-queen-NEIGNO.gal, region.id = NEIGNO) equals poly2nb(geometry.geojson, queen = TRUE)")
ok(identical(as.integer(attr(g, "region.id")), col$NEIGNO), "  with the NEIGNO ids as region.id")
g2 <- read.gal(file.path(dir, "columbus-queen-NEIGNO.gal"), override.id = TRUE)
ok(identical(as.integer(attr(g2, "region.id")), col$NEIGNO) && same_nb(g2, g), "  read.gal(..., override.id = TRUE) takes the ids from the file, in row order")
ok(isTRUE(is.symmetric.nb(g, verbose = FALSE)), "  symmetric")

# The distance band SAR Studio used: the largest nearest-neighbour distance rounded up at 6 digits.
d1 <- max(unlist(nbdists(knn2nb(knearneigh(coords, 1)), coords)))
e <- floor(log10(d1)) - 5
thr <- ceiling(d1 / 10^e) * 10^e
w <- suppressWarnings(read.gwt2nb(file.path(dir, "columbus-idw-NEIGNO.gwt"), region.id = col$NEIGNO))
band <- dnearneigh(coords, 0, thr)
ok(same_nb(w, band), sprintf("read.gwt2nb(columbus-idw-NEIGNO.gwt) has the neighbours of dnearneigh(cbind(X, Y), 0, %s)", format(thr, digits = 10)))
glist <- attr(w, "GeoDa")$dist
idw <- lapply(nbdists(band, coords), function(d) 1 / d)
rel <- max(abs(unlist(glist) - unlist(idw)) / unlist(idw))
ok(rel < 1e-14, sprintf("  its weights are 1/d (largest relative difference %.1e)", rel))
lw <- nb2listw(w, glist = glist, style = "W")
ok(isTRUE(all.equal(sapply(lw$weights, sum), rep(1, 49))), "  nb2listw(nb, glist = attr(nb, \"GeoDa\")$dist, style = \"W\") row-standardises it")

k <- suppressWarnings(read.gwt2nb(file.path(dir, "columbus-knn4.gwt"), region.id = 1:49))
ok(same_nb(k, knn2nb(knearneigh(coords, k = 4))), "read.gwt2nb(columbus-knn4.gwt) equals knn2nb(knearneigh(cbind(X, Y), k = 4)) (asymmetric)")

ig <- read.gal(file.path(dir, "islands.gal"), region.id = 1:5)
ok(identical(as.integer(card(ig)), c(1L, 2L, 1L, 0L, 0L)), "read.gal(islands.gal): two regions without neighbours (count-0 records)")
iw <- suppressWarnings(read.gwt2nb(file.path(dir, "islands.gwt"), region.id = 1:5))
ok(identical(as.integer(card(iw)), c(2L, 2L, 2L, 0L, 0L)) && isTRUE(all.equal(attr(iw, "GeoDa")$dist[[1]], c(1, 0.25))),
  "read.gwt2nb(islands.gwt): regions that are never an origin are islands; weights 1/d^2")
if (failed) quit(status = 1)
