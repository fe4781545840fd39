# Shared helpers for the R reference generators in scripts/r/ (elect80.R, house1998.R,
# columbus-transforms.R). Each generator sources this file, fits spatialreg models and writes the
# JSON fields documented in test/fixtures/columbus/README.md, so that the engine's tests can read
# every dataset folder the same way.
#
# Number formats: JSON via jsonlite digits = NA (15 significant digits); data CSVs with the
# shortest of 15 / 17 significant digits that reproduces each double exactly.

suppressPackageStartupMessages({
  library(spatialreg)
  library(spdep)
  library(jsonlite)
  library(lmtest)
})

# --- paths and bookkeeping ---------------------------------------------------------------------

script_dir <- function() {
  arg <- grep("^--file=", commandArgs(trailingOnly = FALSE), value = TRUE)
  if (length(arg) != 1L) stop("run the generators with Rscript scripts/r/<name>.R")
  dirname(normalizePath(sub("^--file=", "", arg)))
}

repo_root <- function() normalizePath(file.path(script_dir(), "..", ".."))

# Fits are cached (saveRDS) so that an interrupted run resumes: the dense eigen fits with
# asymptotic covariances take minutes each at n of a few thousand. Delete the folder to refit.
cache_dir_for <- function(dataset) {
  d <- Sys.getenv("SAR_R_CACHE", file.path(tempdir(), "..", "sar-studio-r-cache"))
  d <- file.path(d, dataset)
  dir.create(d, recursive = TRUE, showWarnings = FALSE)
  normalizePath(d)
}

# Runs `expr` once per cache folder, recording wall-clock seconds and R warnings. A failure is
# kept as list(error = message) and reported in the JSON as {"error": message}.
make_runner <- function(cache_dir) {
  timings <- list()
  warns <- list()
  run <- function(name, expr) {
    f <- file.path(cache_dir, paste0(name, ".rds"))
    if (file.exists(f)) {
      r <- readRDS(f)
    } else {
      message(format(Sys.time(), "%H:%M:%S"), " fitting ", name)
      w <- character(0)
      t0 <- proc.time()[["elapsed"]]
      value <- tryCatch(
        withCallingHandlers(expr, warning = function(cond) {
          w <<- c(w, conditionMessage(cond))
          invokeRestart("muffleWarning")
        }),
        error = function(e) list(error = conditionMessage(e))
      )
      r <- list(value = value, seconds = proc.time()[["elapsed"]] - t0, warnings = unique(w))
      saveRDS(r, f)
      message(format(Sys.time(), "%H:%M:%S"), " done ", name, " (", round(r$seconds, 1), " s)")
    }
    timings[[name]] <<- r$seconds
    if (length(r$warnings) > 0L) warns[[name]] <<- r$warnings
    r$value
  }
  run
}

runner_timings <- function(run) environment(run)$timings
runner_warnings <- function(run) {
  w <- environment(run)$warns
  if (length(w) == 0L) setNames(list(), character(0)) else w
}

is_error <- function(x) is.list(x) && !inherits(x, c("Sarlm", "lm")) && identical(names(x), "error")

# Applies f to a fit unless the fit failed, in which case the failure is passed on.
if_ok <- function(fit, f) if (is_error(fit)) fit else f(fit)

versions_block <- function() {
  si <- sessionInfo()
  pv <- function(p) format(packageVersion(p))
  list(
    R = R.version.string, spatialreg = pv("spatialreg"), spdep = pv("spdep"), spData = pv("spData"),
    sp = pv("sp"), Matrix = pv("Matrix"), jsonlite = pv("jsonlite"), lmtest = pv("lmtest"),
    BLAS = si$BLAS, LAPACK = si$LAPACK, platform = R.version$platform
  )
}

# --- writing files -----------------------------------------------------------------------------

# Shortest of 15 / 17 significant digits that parses back to the same double.
format_exact <- function(x) {
  s <- sprintf("%.15g", x)
  bad <- !is.na(x) & as.numeric(s) != x
  s[bad] <- sprintf("%.17g", x[bad])
  s[is.na(x)] <- ""
  s
}

write_csv_exact <- function(df, path) {
  cols <- lapply(df, function(v) if (is.numeric(v)) format_exact(v) else as.character(v))
  if (any(vapply(cols, function(v) any(grepl("[,\"\n]", v)), logical(1)))) {
    stop("a text cell needs CSV quoting; not expected in these datasets")
  }
  lines <- c(paste(names(df), collapse = ","), do.call(paste, c(cols, sep = ",")))
  writeLines(lines, path)
  back <- read.csv(path, colClasses = ifelse(vapply(df, is.numeric, logical(1)), "numeric", "character"))
  for (nm in names(df)) {
    if (!identical(unname(back[[nm]]), unname(if (is.numeric(df[[nm]])) as.numeric(df[[nm]]) else as.character(df[[nm]])))) {
      stop("CSV column ", nm, " does not read back exactly")
    }
  }
  invisible(path)
}

# spdep's GAL writer (header `0 n <name> id`); islands are written as `id 0` and an empty line.
write_gal_checked <- function(nb, path, name) {
  write.nb.gal(nb, path, oldstyle = FALSE, shpfile = name, ind = "id")
  back <- read.gal(path, region.id = attr(nb, "region.id"), override.id = TRUE)
  same <- all(mapply(function(a, b) identical(sort(as.integer(a)), sort(as.integer(b))), nb, back))
  if (!same) stop("GAL file ", path, " does not read back as the same neighbour list")
  invisible(path)
}

write_json_file <- function(x, path) {
  writeLines(toJSON(x, digits = NA, auto_unbox = TRUE, pretty = TRUE, null = "null", na = "null"), path)
  invisible(path)
}

write_summary <- function(obj, path, ...) {
  if (is_error(obj)) writeLines(paste("Error:", obj$error), path)
  else writeLines(capture.output(print(summary(obj, ...))), path)
}

# --- generic pieces of the JSON layout ---------------------------------------------------------

p_normal <- function(z) 2 * (1 - pnorm(abs(z)))
p_normal_accurate <- function(z) 2 * pnorm(-abs(z))

param_z <- function(estimate, se) {
  estimate <- unname(estimate)
  se <- if (is.null(se)) NA_real_ else unname(se)
  z <- estimate / se
  list(estimate = estimate, std_error = se, z = z, p = p_normal(z), p_accurate = p_normal_accurate(z))
}

# summary()$Coef as printed (p = 2 (1 - pnorm|z|)) plus p_accurate.
coef_table_z <- function(Coef) {
  lapply(seq_len(nrow(Coef)), function(i) list(
    term = rownames(Coef)[i], estimate = Coef[i, 1], std_error = Coef[i, 2], z = Coef[i, 3],
    p = Coef[i, 4], p_accurate = p_normal_accurate(Coef[i, 3])
  ))
}

coef_table_t <- function(lm_summary) {
  cf <- coef(lm_summary)
  lapply(seq_len(nrow(cf)), function(i) list(
    term = rownames(cf)[i], estimate = cf[i, 1], std_error = cf[i, 2], t = cf[i, 3], p = cf[i, 4]
  ))
}

htest_fields <- function(h, estimate = TRUE) {
  stat <- as.numeric(h$statistic)
  df <- as.numeric(h$parameter)
  out <- list(statistic = stat, df = df, p = as.numeric(h$p.value))
  if (estimate && !is.null(h$estimate)) out$estimate <- as.list(setNames(as.numeric(h$estimate), names(h$estimate)))
  out$method <- h$method
  if (length(df) == 1L) out$p_accurate <- pchisq(stat, df, lower.tail = FALSE)
  out
}

matrix_fields <- function(m) list(names = rownames(m), matrix = unname(m))

residual_quantiles <- function(r) {
  q <- unname(quantile(r))
  list(min = q[1], q1 = q[2], median = q[3], q3 = q[4], max = q[5])
}

se_type_of <- function(fit) {
  if (isTRUE(fit$ase)) "asymptotic" else "numerical Hessian"
}

# Where the printed SEs come from when they are not the asymptotic ones.
se_detail_of <- function(fit) {
  if (isTRUE(fit$ase)) return(NULL)
  if (fit$type == "error") {
    return(paste("lambda: sqrt(vcov_fdHess[1, 1]), nlme::fdHess of the concentrated log-likelihood in",
                 "(lambda, beta); coefficients: summary.lm SEs of the filtered regression",
                 "(y - lambda W y) on (X - lambda W X) times sqrt((n - p)/n) = sqrt(diag(s2_ML (X_lambda' X_lambda)^-1))"))
  }
  paste("rho and coefficients: sqrt(diag(vcov_fdHess)), the inverse of minus nlme::fdHess of the",
        "log-likelihood concentrated in sigma2, at (rho, beta)",
        if (isTRUE(fit$insert)) "(trs given, spatialreg's insert_asy: only the rho-rho element comes from fdHess; the matrix, over (sigma2, rho, beta), is otherwise analytic: -X'X/s2, -(Wy)'X/s2, -n/(2 s2^2), -tr(W (I - rho W)^-1)/s2 from the traces)" else "")
}

# The fields of reference.json's sar_eigen / sem_eigen / sdm_eigen / sar_sparse.* for one fit.
sarlm_fields <- function(fit, per_observation = TRUE) {
  s <- summary(fit)
  out <- list(type = fit$type, method = fit$method, se_type = se_type_of(fit))
  out$se_detail <- se_detail_of(fit)
  if (!is.null(fit$etype)) out$etype <- fit$etype
  out$coefficients <- coef_table_z(s$Coef)
  if (fit$type %in% c("lag", "mixed", "sac", "sacmixed")) out$rho <- param_z(fit$rho, fit$rho.se)
  if (fit$type %in% c("error", "sac", "sacmixed")) out$lambda <- param_z(fit$lambda, fit$lambda.se)
  out$LR <- htest_fields(s$LR1)
  out$LR$p_accurate <- NULL
  if (!fit$type %in% c("sac", "sacmixed") && !is.null(s$Wald1)) {
    out$Wald <- htest_fields(s$Wald1)
    out$Wald$p_accurate <- NULL
  }
  out$loglik <- c(fit$LL)
  out$sigma2 <- fit$s2
  out$sigma <- sqrt(fit$s2)
  out$SSE <- fit$SSE
  out$AIC <- AIC(fit)
  out$BIC <- BIC(fit)
  out$AIC_lm <- fit$AIC_lm.model
  out$loglik_lm <- c(fit$logLik_lm.model)
  out$n <- length(fit$residuals)
  out$parameters <- fit$parameters
  if (fit$type %in% c("sac", "sacmixed")) {
    out$interval_rho <- fit$interval1
    out$interval_lambda <- fit$interval2
  } else {
    out$interval <- fit$interval
  }
  out$residual_quantiles <- residual_quantiles(fit$residuals)
  if (!is.null(fit$LMtest)) {
    stat <- c(fit$LMtest)
    out$LM_residual_autocorrelation <- list(statistic = stat, df = 1, p = 1 - pchisq(stat, 1),
                                            p_accurate = pchisq(stat, 1, lower.tail = FALSE))
  }
  if (is.matrix(fit$resvar)) out$vcov_asymptotic <- matrix_fields(fit$resvar)
  if (is.matrix(fit$fdHess)) out$vcov_fdHess <- matrix_fields(fit$fdHess)
  if (per_observation) {
    out$residuals <- unname(c(fit$residuals))
    out$fitted_values <- unname(c(fit$fitted.values))
  }
  out$timings_internal <- as.list(fit$timings[, "elapsed"])
  out
}

exact_impacts_fields <- function(imp) {
  r <- unclass(imp)
  bn <- attr(imp, "bnames")
  lapply(seq_along(bn), function(i) list(
    variable = bn[i], direct = unname(r$direct[i]), indirect = unname(r$indirect[i]),
    total = unname(r$total[i])
  ))
}

simulated_impacts_fields <- function(imp) {
  s <- summary(imp, zstats = TRUE, short = TRUE)
  bn <- attr(imp, "bnames")
  col <- c(direct = 1L, indirect = 2L, total = 3L)
  one <- function(i, eff) {
    est <- unname(s$res[[eff]][i])
    sum_stats <- s[[paste0(eff, "_sum")]]$statistics
    mean_sim <- if (is.matrix(sum_stats)) sum_stats[i, "Mean"] else sum_stats[["Mean"]]
    list(estimate = est, sim_mean = unname(mean_sim), sim_se = unname(s$semat[i, col[[eff]]]),
         z = unname(s$zmat[i, col[[eff]]]), p = unname(s$pzmat[i, col[[eff]]]))
  }
  lapply(seq_along(bn), function(i) list(
    variable = bn[i], direct = one(i, "direct"), indirect = one(i, "indirect"), total = one(i, "total")
  ))
}

# summary(impacts(.)) of an SLX or SDEM fit: estimable linear combinations with lm-based SEs.
estimable_impacts_fields <- function(imp) {
  s <- summary(imp)
  bn <- attr(imp, "bnames")
  col <- c(direct = 1L, indirect = 2L, total = 3L)
  one <- function(i, eff) {
    j <- col[[eff]]
    z <- unname(s$zmat[i, j])
    list(estimate = unname(s$mat[i, j]), std_error = unname(s$semat[i, j]), z = z,
         p = unname(s$pzmat[i, j]), p_accurate = p_normal_accurate(z),
         std_error_object = unname(imp$se[[eff]][i]))
  }
  list(
    type = attr(imp, "type"), method_summary = attr(s, "method"), n = attr(imp, "n"), k = attr(imp, "k"),
    impacts = lapply(seq_along(bn), function(i) list(
      variable = bn[i], direct = one(i, "direct"), indirect = one(i, "indirect"), total = one(i, "total")
    ))
  )
}

ols_fields <- function(ols, lw, zp) {
  s <- summary(ols)
  lmt <- lm.LMtests(ols, lw, test = "all", zero.policy = zp)
  mt <- lm.morantest(ols, lw, zero.policy = zp)
  mt2 <- lm.morantest(ols, lw, zero.policy = zp, alternative = "two.sided")
  list(
    coefficients = coef_table_t(s), sigma_unbiased = s$sigma, r_squared = s$r.squared,
    adj_r_squared = s$adj.r.squared, loglik = c(logLik(ols)), AIC = AIC(ols), BIC = BIC(ols),
    n = nobs(ols), df_residual = ols$df.residual,
    LMtests = lapply(lmt, function(h) { x <- htest_fields(h, estimate = FALSE); x }),
    moran = list(I = unname(mt$estimate[1]), expectation = unname(mt$estimate[2]),
                 variance = unname(mt$estimate[3]), z = as.numeric(mt$statistic), p = as.numeric(mt$p.value),
                 p_two_sided = as.numeric(mt2$p.value), alternative = mt$alternative)
  )
}

# sacsarlm's optimiser: nlminb from 4 starts, the best re-run (see the SAC_optimizer note).
sac_optimizer_fields <- function(fit) {
  lower <- c(fit$interval1[1], fit$interval2[1])
  upper <- c(fit$interval1[2], fit$interval2[2])
  list(
    method = "nlminb (4 starting points, best kept)",
    starts = list(rho = c(lower[1], 0, upper[1], upper[1]) * 0.8,
                  lambda = c(upper[2], 0, upper[2], lower[2]) * 0.8),
    best_start = unname(fit$pars),
    loglik_from_each_start = fit$mxs,
    convergence = fit$opt$convergence, message = fit$opt$message,
    iterations = fit$opt$iterations, evaluations = as.list(fit$opt$evaluations)
  )
}

model_comparison_row <- function(name, m) {
  ll <- logLik(m)
  p <- attr(ll, "df")
  n <- attr(ll, "nobs")
  if (is.null(n)) n <- length(residuals(m))
  list(model = name, loglik = c(ll), parameters = p, AIC = -2 * c(ll) + 2 * p, AIC_R = AIC(m),
       BIC = -2 * c(ll) + p * log(n), BIC_R = BIC(m))
}

lr_fields <- function(a, b, names, what) {
  h <- LR.Sarlm(a, b)
  c(list(models = names, what = what, loglik = c(c(logLik(a)), c(logLik(b)))),
    htest_fields(h, estimate = FALSE))
}

# --- OLS diagnostics (reference-extended.json diagnostics.ols) ---------------------------------

ols_diagnostics <- function(ols) {
  X <- model.matrix(ols)
  e <- residuals(ols)
  n <- length(e)
  Xsq <- as.data.frame(X[, -1, drop = FALSE]^2)
  bp <- function(studentize, varformula = NULL, data = NULL) {
    h <- if (is.null(varformula)) bptest(ols, studentize = studentize)
         else bptest(ols, varformula = varformula, studentize = studentize, data = data)
    x <- htest_fields(h, estimate = FALSE)
    x
  }
  sq_formula <- as.formula(paste("~", paste0("`", names(Xsq), "`", collapse = " + ")))
  d <- e - mean(e)
  m2 <- mean(d^2); m3 <- mean(d^3); m4 <- mean(d^4)
  S <- m3 / m2^1.5; K <- m4 / m2^2
  jb <- n / 6 * (S^2 + (K - 3)^2 / 4)
  Z <- sweep(X, 2, sqrt(colSums(X^2)), "/")
  ev <- eigen(crossprod(Z), symmetric = TRUE, only.values = TRUE)$values
  sv <- svd(Z)$d
  xs <- X[, -1, drop = FALSE]
  vif <- lapply(seq_len(ncol(xs)), function(j) {
    r2 <- summary(lm(xs[, j] ~ xs[, -j]))$r.squared
    list(variable = colnames(xs)[j], r_squared = r2, vif = 1 / (1 - r2))
  })
  list(
    bptest_koenker = bp(TRUE), bptest_breusch_pagan = bp(FALSE),
    bptest_koenker_xsq = c(bp(TRUE, sq_formula, Xsq),
      note = "extra: Z = [1, X_j^2] (spreg koenker_bassett default, GeoDa 'Koenker-Bassett test')"),
    bptest_breusch_pagan_xsq = c(bp(FALSE, sq_formula, Xsq),
      note = "extra: Z = [1, X_j^2] (spreg breusch_pagan default, GeoDa 'Breusch-Pagan test')"),
    jarque_bera = list(
      statistic = jb, df = 2, p = pchisq(jb, 2, lower.tail = FALSE), skewness = S, kurtosis = K,
      excess_kurtosis = K - 3, m2 = m2, m3 = m3, m4 = m4, n = n,
      tseries_jarque_bera_test = if (requireNamespace("tseries", quietly = TRUE))
        unname(tseries::jarque.bera.test(e)$statistic) else NULL,
      formula = "JB = n/6 * (S^2 + (K - 3)^2 / 4); e = OLS residuals, m_j = (1/n) sum (e_i - mean(e))^j (population moments), S = m3 / m2^(3/2), K = m4 / m2^2; df 2"
    ),
    condition_number = list(
      value = sqrt(max(ev) / min(ev)), value_svd = sv[1] / sv[length(sv)], eigenvalues = ev,
      formula = "sqrt(lambda_max / lambda_min) of Z'Z, Z = X (with the constant column, NOT centred) with each column divided by its Euclidean norm sqrt(sum x_ij^2); = ratio of the largest to the smallest singular value of Z (spreg condition_index / GeoDa)"
    ),
    vif = vif,
    vif_check_inverse_correlation = unname(diag(solve(cor(xs)))),
    vif_formula = "VIF_j = 1 / (1 - R^2_j), R^2_j = centred R^2 of the OLS regression of regressor j on all other columns of X (constant included); equals diag(solve(cor(X[, -1])))",
    note = "lmtest::bptest(lm): studentize = TRUE is Koenker's studentized (n R^2 of e^2 on X) version, studentize = FALSE the original Breusch-Pagan (ESS/2 of e^2/sigma2_ML - 1 on X), both with Z = X; *_xsq: the same with Z = [1, X^2] as spreg / GeoDa do by default"
  )
}

# --- independent check of the SAR log-likelihood -----------------------------------------------

# Reads the GAL file with a plain line parser (not spdep), builds the dense row-standardised W
# (islands: zero rows), and evaluates the concentrated SAR log-likelihood at `rho` with base R:
# ln|I - rho W| - n/2 ln(2 pi) - n/2 ln(SSE/n) - n/2, SSE of (y - rho W y) on X.
read_gal_dense_W <- function(path, ids) {
  lines <- readLines(path)
  header <- strsplit(trimws(lines[1]), "[[:space:]]+")[[1]]
  n <- as.integer(header[2])
  stopifnot(n == length(ids))
  W <- matrix(0, n, n)
  pos <- match(as.character(ids), as.character(ids))
  i <- 2L
  for (k in seq_len(n)) {
    head_k <- strsplit(trimws(lines[i]), "[[:space:]]+")[[1]]
    row <- match(head_k[1], as.character(ids))
    cnt <- as.integer(head_k[2])
    nbrs <- if (cnt > 0L) match(strsplit(trimws(lines[i + 1L]), "[[:space:]]+")[[1]], as.character(ids)) else integer(0)
    stopifnot(length(nbrs) == cnt, !anyNA(nbrs), !is.na(row))
    if (cnt > 0L) W[row, nbrs] <- 1 / cnt
    i <- i + 2L
  }
  W
}

sar_loglik_dense <- function(y, X, W, rho) {
  n <- length(y)
  A <- diag(n) - rho * W
  ld <- determinant(A, logarithm = TRUE)
  stopifnot(ld$sign > 0)
  e <- qr.resid(qr(X), y - rho * c(W %*% y))
  sse <- sum(e^2)
  c(ld$modulus) - n / 2 * log(2 * pi) - n / 2 * log(sse / n) - n / 2
}

# Weights metadata as in reference.json's `weights` block.
weights_block <- function(nb, ids, zp, extra = list()) {
  card0 <- which(card(nb) == 0L)
  c(list(style = "W", zero_policy = zp, n_links = sum(card(nb)), n_no_neighbours = length(card0),
         islands = as.list(ids[card0]), symmetric_nb = is.symmetric.nb(nb, verbose = FALSE, force = TRUE),
         n_components = n.comp.nb(nb)$nc),
    extra)
}
