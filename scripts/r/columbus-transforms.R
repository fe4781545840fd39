# R reference output for test/fixtures/columbus-transforms/: SAR lag fits on the Columbus data
# (../columbus/data.csv, ../columbus/weights.gal, style W) with transformed terms in the formula,
# so that the engine's formula transforms can be checked against R's model.frame / model.matrix.
# See test/fixtures/columbus-transforms/README.md.
#   Rscript scripts/r/columbus-transforms.R
source(file.path(dirname(normalizePath(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE)))), "common.R"))

root <- repo_root()
cdir <- file.path(root, "test", "fixtures", "columbus")
out_dir <- file.path(root, "test", "fixtures", "columbus-transforms")
dir.create(out_dir, showWarnings = FALSE)
data_csv <- file.path(cdir, "data.csv")
gal_path <- file.path(cdir, "weights.gal")
df <- read.csv(data_csv)
nb <- read.gal(gal_path, region.id = as.character(df$id), override.id = TRUE)
lw <- nb2listw(nb, style = "W")
run <- make_runner(cache_dir_for("columbus-transforms"))

# name -> formula, and the same transform written out in base R on the CSV columns, used by the
# independent log-likelihood check.
models <- list(
  log_HOVAL = list(fml = CRIME ~ INC + log(HOVAL),
                   y = function(d) d$CRIME, X = function(d) cbind(1, d$INC, log(d$HOVAL))),
  sqrt_HOVAL = list(fml = CRIME ~ INC + sqrt(HOVAL),
                    y = function(d) d$CRIME, X = function(d) cbind(1, d$INC, sqrt(d$HOVAL))),
  HOVAL_squared = list(fml = CRIME ~ INC + I(HOVAL^2),
                       y = function(d) d$CRIME, X = function(d) cbind(1, d$INC, d$HOVAL * d$HOVAL)),
  scale_INC = list(fml = CRIME ~ scale(INC) + HOVAL,
                   y = function(d) d$CRIME,
                   X = function(d) cbind(1, (d$INC - mean(d$INC)) / sqrt(sum((d$INC - mean(d$INC))^2) / (nrow(d) - 1)), d$HOVAL)),
  log_CRIME = list(fml = log(CRIME) ~ INC + HOVAL,
                   y = function(d) log(d$CRIME), X = function(d) cbind(1, d$INC, d$HOVAL))
)

csv <- read.csv(data_csv, colClasses = "character")
csv_num <- as.data.frame(lapply(csv[c("CRIME", "INC", "HOVAL")], as.numeric))
W <- read_gal_dense_W(gal_path, csv$id)

transform_fields <- function(name) {
  m <- models[[name]]
  fit <- run(paste0("sar_", name), eval(bquote(lagsarlm(.(m$fml), data = df, listw = lw, method = "eigen"))))
  ols <- lm(m$fml, data = df)
  mf <- model.frame(m$fml, df)
  X <- model.matrix(m$fml, df)
  y <- model.response(mf)
  write_summary(fit, file.path(out_dir, paste0("summary-sar-", gsub("_", "-", name), ".txt")))
  ll <- sar_loglik_dense(m$y(csv_num), m$X(csv_num), W, fit$rho)
  scale_attrs <- NULL
  for (v in names(mf)) if (!is.null(attr(mf[[v]], "scaled:center"))) {
    scale_attrs[[v]] <- list(center = unname(attr(mf[[v]], "scaled:center")),
                             scale = unname(attr(mf[[v]], "scaled:scale")))
  }
  list(
    formula = paste(deparse(m$fml), collapse = " "),
    response_name = names(mf)[1],
    term_names = colnames(X),
    model_frame_names = names(mf),
    scale_attributes = scale_attrs,
    response = unname(c(y)),
    model_matrix = setNames(lapply(colnames(X)[-1], function(j) unname(X[, j])), colnames(X)[-1]),
    sar_eigen = sarlm_fields(fit),
    ols = list(coefficients = coef_table_t(summary(ols)), loglik = c(logLik(ols)), AIC = AIC(ols)),
    independent_check = list(
      how = "base R: W from ../columbus/weights.gal (row-standardised), y and X from ../columbus/data.csv with the transform written out (log, sqrt, x * x, (x - mean) / sd with divisor n - 1); SAR loglik at R's rho",
      loglik_recomputed = ll, loglik_spatialreg = c(fit$LL), difference = ll - c(fit$LL),
      max_abs_model_matrix_difference = max(abs(unname(X) - m$X(csv_num))),
      max_abs_response_difference = max(abs(unname(c(y)) - m$y(csv_num)))
    )
  )
}

t_all <- proc.time()[["elapsed"]]
transforms <- lapply(setNames(names(models), names(models)), transform_fields)
out <- list(
  dataset = "columbus-transforms", n = nrow(df),
  data = "../columbus/data.csv", weights_file = "../columbus/weights.gal",
  weights = list(style = "W", zero_policy = FALSE, n_links = sum(card(nb)), n_no_neighbours = 0L,
                 symmetric_nb = is.symmetric.nb(nb, verbose = FALSE, force = TRUE),
                 source = "../columbus/weights.gal, nb2listw(style = \"W\")"),
  generated_by = "R spatialreg; scripts/r/columbus-transforms.R",
  versions = versions_block(),
  formula = transforms$log_HOVAL$formula,
  sar_eigen = transforms$log_HOVAL$sar_eigen,
  transforms = transforms,
  warnings = runner_warnings(run),
  timings_seconds = runner_timings(run),
  elapsed_seconds = proc.time()[["elapsed"]] - t_all
)
write_json_file(out, file.path(out_dir, "reference.json"))
