# R spatialreg's time on one of `npm run bench`'s datasets, for the benchmark's side-by-side column.
# Usage: Rscript scripts/r/bench-lagsarlm.R synthetic-100000.csv
# The same model as the bench's "symmetrised kNN-6" rows: kNN-6 from the coordinates by dbscan's
# kd-tree, symmetrised (spdep make.sym.nb), row-standardised; lagsarlm(method = "Matrix") (the
# sparse Cholesky log-determinant, with its numerical Hessian for the SEs), then impacts from
# Monte Carlo traces (trW type "MC", 30 powers). Prints one JSON line of seconds per step.
suppressPackageStartupMessages({
  library(spdep)
  library(spatialreg)
  library(dbscan)
})
args <- commandArgs(trailingOnly = TRUE)
t0 <- proc.time()[["elapsed"]]
lap <- function() {
  t <- proc.time()[["elapsed"]]
  d <- t - t0
  t0 <<- t
  d
}
d <- data.table::fread(args[1], data.table = FALSE)
read <- lap()
coords <- cbind(d$x, d$y)
kn <- dbscan::kNN(coords, k = 6)
knn <- structure(list(nn = kn$id, np = nrow(coords), k = 6, dimension = 2, x = coords), class = "knn")
nb <- make.sym.nb(knn2nb(knn))
lw <- nb2listw(nb, style = "W")
weights <- lap()
fit <- lagsarlm(yv ~ x1 + x2, data = d, listw = lw, method = "Matrix")
fitted <- lap()
tr <- trW(as(lw, "CsparseMatrix"), m = 30, type = "MC")
imp <- impacts(fit, tr = tr)
impacts <- lap()
cat(jsonlite::toJSON(list(readS = read, weightsS = weights, fitS = fitted, impactsS = impacts,
  rho = unname(fit$rho), rhoSe = unname(fit$rho.se)), auto_unbox = TRUE, digits = NA), "\n")
