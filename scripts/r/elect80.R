# R reference output for test/fixtures/elect80/: spData's elect80 (3107 US counties, 1980
# presidential election) with spData's e80_queen queen contiguities (4 islands, zero.policy = TRUE
# everywhere). See test/fixtures/elect80/README.md for every field.
#   Rscript scripts/r/elect80.R [reference|extended|all]   (default all)
# Fits are cached under $SAR_R_CACHE (default /tmp/sar-studio-r-cache); the whole run takes
# about an hour with the reference BLAS (the dense eigen covariances dominate).
source(file.path(dirname(normalizePath(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE)))), "common.R"))
source(file.path(script_dir(), "fits.R"))
suppressPackageStartupMessages(library(sp))

data(elect80, package = "spData")
out_dir <- file.path(repo_root(), "test", "fixtures", "elect80")
dir.create(out_dir, showWarnings = FALSE)

n <- nrow(elect80)
d <- elect80@data
xy <- coordinates(elect80)
df <- data.frame(
  id = seq_len(n), FIPS = as.character(d$FIPS), long = xy[, 1], lat = xy[, 2],
  pc_turnout = d$pc_turnout, pc_college = d$pc_college, pc_homeownership = d$pc_homeownership,
  pc_income = d$pc_income,
  ln_turnout = log(d$pc_turnout), ln_college = log(d$pc_college),
  ln_homeownership = log(d$pc_homeownership), ln_income = log(d$pc_income),
  stringsAsFactors = FALSE
)
# e80_queen's region.id are "0".."3106"; the neighbour indices are row positions, so relabelling
# with the 1-based `id` keeps every link.
nb <- e80_queen
stopifnot(length(nb) == n)
attr(nb, "region.id") <- as.character(df$id)
lw <- nb2listw(nb, style = "W", zero.policy = TRUE)

data_csv <- file.path(out_dir, "data.csv")
gal_path <- file.path(out_dir, "weights.gal")
write_csv_exact(df, data_csv)
write_gal_checked(nb, gal_path, "elect80")

islands <- which(card(nb) == 0L)
spec <- list(
  dataset = "elect80", script = "elect80.R", out_dir = out_dir, df = df,
  fml = log(pc_turnout) ~ log(pc_college) + log(pc_homeownership) + log(pc_income),
  lw = lw, nb = nb, zp = TRUE,
  weights = weights_block(nb, df$id, TRUE, list(island_FIPS = as.list(df$FIPS[islands]))),
  weights_source = "spData e80_queen (data(elect80)), region.id relabelled 1..n = the id column; weights.gal of this folder; nb2listw(style = \"W\", zero.policy = TRUE)",
  columns_for_terms = list(`log(pc_turnout)` = "ln_turnout", `log(pc_college)` = "ln_college",
                           `log(pc_homeownership)` = "ln_homeownership", `log(pc_income)` = "ln_income"),
  csv_formula = "ln_turnout ~ ln_college + ln_homeownership + ln_income",
  gal_path = gal_path, data_csv = data_csv,
  y_column = "ln_turnout", x_columns = c("ln_college", "ln_homeownership", "ln_income")
)

generate_requested(spec)
