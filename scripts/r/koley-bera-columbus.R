# test/fixtures/koley-bera/data.csv: the Columbus regressors of spdep's SD.RStests documentation
# example (log(CRIME) ~ INC + HOVAL + fDISCBD + fEW, Koley & Bera 2024 Table 3), with the factor
# columns as R's model.matrix codes them (fDISCBD ordered: polynomial contrasts .L .Q .C; fEW
# treatment contrast), so that a spec can name them. Run from the repository root:
#   Rscript scripts/r/koley-bera-columbus.R
# The test statistics themselves are spdep's published output (its reference documentation),
# transcribed into test/fixtures/koley-bera/published.json: spdep 1.2-7 on Debian has no SD.RStests.
suppressMessages({library(spData); library(sf)})
columbus <- sf::st_read(system.file("shapes/columbus.shp", package = "spData")[1], quiet = TRUE)
columbus$fEW <- factor(columbus$EW)
columbus$fDISCBD <- ordered(cut(columbus$DISCBD, c(0, 1.5, 3, 4.5, 6)))
mm <- model.matrix(log(CRIME) ~ INC + HOVAL + fDISCBD + fEW, columbus)
d <- read.csv("test/fixtures/columbus/data.csv")
stopifnot(isTRUE(all.equal(d$CRIME, columbus$CRIME)), isTRUE(all.equal(d$INC, unname(mm[, "INC"]))))
out <- data.frame(id = d$id, CRIME = d$CRIME, mm[, -1], check.names = FALSE)
names(out) <- sub("^fDISCBD\\.", "fDISCBD_", names(out))
# Shortest of 15/17 significant digits that reads back as the same double.
shortest <- function(x) { s <- sprintf("%.15g", x); ifelse(as.numeric(s) == x, s, sprintf("%.17g", x)) }
out[] <- lapply(out, shortest)
write.csv(out, "test/fixtures/koley-bera/data.csv", row.names = FALSE, quote = FALSE)
