# R reference output for test/fixtures/house1993/: spData's house (Lucas County, Ohio, single-family
# house sales 1993-1998) restricted to the 3260 sales of 1993, with symmetrised 6-nearest-neighbour
# weights from the projected coordinates. See test/fixtures/house1993/README.md for every field.
#   Rscript scripts/r/house1993.R [reference|extended|all]   (default all)
# Fits are cached under $SAR_R_CACHE (default /tmp/sar-studio-r-cache); the whole run takes
# about an hour with the reference BLAS (the dense eigen covariances dominate).
source(file.path(dirname(normalizePath(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE)))), "common.R"))
source(file.path(script_dir(), "fits.R"))
suppressPackageStartupMessages(library(sp))

data(house, package = "spData")
out_dir <- file.path(repo_root(), "test", "fixtures", "house1993")
dir.create(out_dir, showWarnings = FALSE)

rows <- which(house$syear == "1993")
h <- house@data[rows, ]
xy <- coordinates(house)[rows, ]
n <- length(rows)
df <- data.frame(
  id = seq_len(n), house_row = rows, x = unname(xy[, 1]), y = unname(xy[, 2]),
  price = h$price, yrbuilt = h$yrbuilt, age = h$age, TLA = h$TLA, lotsize = h$lotsize,
  rooms = h$rooms, beds = h$beds, baths = h$baths, halfbaths = h$halfbaths,
  frontage = h$frontage, depth = h$depth, garagesqft = h$garagesqft, avalue = h$avalue,
  sdate = h$sdate, stories = as.character(h$stories), wall = as.character(h$wall),
  garage = as.character(h$garage),
  ln_price = log(h$price), age2 = h$age^2, age3 = h$age^3, ln_lotsize = log(h$lotsize),
  ln_TLA = log(h$TLA),
  stringsAsFactors = FALSE
)
stopifnot(!anyNA(df))

# kNN-6 from the coordinates (planar, metres), then symmetrised: j is a neighbour of i when i is
# among j's 6 nearest or j among i's.
K <- 6L
knn <- knearneigh(cbind(df$x, df$y), k = K)
nb_knn <- knn2nb(knn, row.names = as.character(df$id))
nb <- make.sym.nb(nb_knn)
lw <- nb2listw(nb, style = "W")
d7 <- dbscan::kNN(cbind(df$x, df$y), k = K + 1L)$dist
ties <- which(d7[, K] == d7[, K + 1L])

data_csv <- file.path(out_dir, "data.csv")
gal_path <- file.path(out_dir, "weights.gal")
write_csv_exact(df, data_csv)
write_gal_checked(nb, gal_path, "house1993")
write_gal_checked(nb_knn, file.path(out_dir, "knn6.gal"), "house1993")

spec <- list(
  dataset = "house1993", script = "house1993.R", out_dir = out_dir, df = df,
  fml = log(price) ~ age + I(age^2) + I(age^3) + log(lotsize) + rooms + log(TLA) + beds,
  lw = lw, nb = nb, zp = FALSE,
  weights = weights_block(nb, df$id, FALSE, list(
    k = K, coordinates = c("x", "y"), n_links_knn = sum(card(nb_knn)),
    symmetric_knn = is.symmetric.nb(nb_knn, verbose = FALSE, force = TRUE),
    distance_ties_at_k = as.list(df$id[ties]))),
  weights_source = "make.sym.nb(knn2nb(knearneigh(cbind(x, y), k = 6))) = weights.gal of this folder (knn6.gal: before make.sym.nb); nb2listw(style = \"W\")",
  columns_for_terms = list(`log(price)` = "ln_price", `I(age^2)` = "age2", `I(age^3)` = "age3",
                           `log(lotsize)` = "ln_lotsize", `log(TLA)` = "ln_TLA"),
  csv_formula = "ln_price ~ age + age2 + age3 + ln_lotsize + rooms + ln_TLA + beds",
  gal_path = gal_path, data_csv = data_csv,
  y_column = "ln_price", x_columns = c("age", "age2", "age3", "ln_lotsize", "rooms", "ln_TLA", "beds")
)

generate_requested(spec)
