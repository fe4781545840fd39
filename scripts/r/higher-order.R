# test/fixtures/higher-order/reference.json: spdep's higher-order neighbours (nblag, nblag_cumul)
# of the Columbus GAL and of kNN-4 on the X, Y centroids, symmetrised kNN-4 (make.sym.nb), and the
# smallest distance band that gives every observation a neighbour. Run from the repository root:
#   Rscript scripts/r/higher-order.R
suppressMessages(library(spdep))
d <- read.csv("test/fixtures/columbus/data.csv")
gal <- read.gal("test/fixtures/columbus/weights.gal", region.id = as.character(d$id))
coords <- cbind(d$X, d$Y)
knn4 <- knn2nb(knearneigh(coords, k = 4))
lists <- function(nb) lapply(seq_along(nb), function(i) { v <- nb[[i]]; I(if (length(v) == 1 && v[1] == 0) integer(0) else as.integer(v)) })
lags <- function(nb) { l <- nblag(nb, 3); list(order2 = lists(l[[2]]), order3 = lists(l[[3]]), cumulative3 = lists(nblag_cumul(l))) }
min_threshold <- max(unlist(nbdists(knn2nb(knearneigh(coords, k = 1)), coords)))
band <- dnearneigh(coords, 0, min_threshold)
out <- list(
  generated_by = paste("R", getRversion(), "spdep", packageVersion("spdep")),
  note = "neighbour lists are 1-based row numbers (= ids), one array per observation; [] = none",
  gal = lags(gal),
  knn4 = lags(knn4),
  knn4_symmetric = lists(make.sym.nb(knn4)),
  min_threshold_XY = list(value = min_threshold, islands_at_value = sum(card(band) == 0),
    call = "max(unlist(nbdists(knn2nb(knearneigh(cbind(X, Y), k = 1)), cbind(X, Y))))")
)
writeLines(jsonlite::toJSON(out, digits = NA, auto_unbox = TRUE), "test/fixtures/higher-order/reference.json")
