# The fits behind reference.json and reference-extended.json of a dataset folder, in the layout of
# test/fixtures/columbus (see its README). Sourced after common.R by the dataset generators, which
# pass a `spec`:
#   dataset, out_dir, df (data frame used by R), fml (formula), lw (listw, style W), nb, zp
#   (zero.policy), weights (metadata list), weights_source, columns_for_terms (R term -> CSV
#   column), csv_formula (the same model with CSV column names), gal_path, id (CSV ids),
#   data_csv (path), y_column, x_columns (CSV columns of X without the constant).

fit_runner <- function(spec) make_runner(cache_dir_for(spec$dataset))

# `Rscript <generator>.R [reference|extended|all]` (default all).
generate_requested <- function(spec) {
  part <- commandArgs(trailingOnly = TRUE)
  part <- if (length(part) == 0L) "all" else part[1]
  if (!part %in% c("reference", "extended", "all")) stop("usage: Rscript <generator>.R [reference|extended|all]")
  # The plain-named CSV columns give the same model (the same doubles, other term names).
  plain <- lm(as.formula(spec$csv_formula), data = spec$df)
  stopifnot(isTRUE(all.equal(unname(coef(plain)), unname(coef(lm(spec$fml, data = spec$df))), tolerance = 0)))
  if (part %in% c("reference", "all")) generate_reference(spec)
  if (part %in% c("extended", "all")) generate_extended(spec)
}

header_fields <- function(spec, extra = list()) {
  c(list(dataset = spec$dataset, n = nrow(spec$df), formula = paste(deparse(spec$fml), collapse = " ")),
    extra,
    list(csv_formula = spec$csv_formula, columns_for_terms = spec$columns_for_terms,
         weights = c(spec$weights, list(source = spec$weights_source)), weights_source = spec$weights_source,
         generated_by = paste("R spatialreg; scripts/r/", spec$script, sep = ""),
         versions = versions_block()))
}

# Fits shared by both files; cached, so calling this twice refits nothing.
core_fits <- function(spec, run) {
  fml <- spec$fml; df <- spec$df; lw <- spec$lw; zp <- spec$zp
  list(
    ols = run("ols", lm(fml, data = df)),
    sar = run("sar_eigen", lagsarlm(fml, data = df, listw = lw, method = "eigen", zero.policy = zp)),
    sem = run("sem_eigen", errorsarlm(fml, data = df, listw = lw, method = "eigen", zero.policy = zp)),
    sdm = run("sdm_eigen", lagsarlm(fml, data = df, listw = lw, method = "eigen", zero.policy = zp,
                                    Durbin = TRUE))
  )
}

traces_m30 <- function(spec, run) {
  run("trW_mult_m30", trW(as(spec$lw, "CsparseMatrix"), m = 30, type = "mult"))
}

# reference.json ---------------------------------------------------------------------------------

generate_reference <- function(spec) {
  run <- fit_runner(spec)
  t_all <- proc.time()[["elapsed"]]
  fml <- spec$fml; df <- spec$df; lw <- spec$lw; zp <- spec$zp
  f <- core_fits(spec, run)
  tr <- traces_m30(spec, run)
  # *_default: spatialreg's defaults (for n > 1500 numerical-Hessian SEs); *_trs: small_asy =
  # FALSE and trs = trW(...), the Hessian with traces (for any n).
  sparse_fit <- function(model, method, trs = NULL) {
    name <- paste0(model, "_", method, if (is.null(trs)) "_default" else "_trs")
    control <- if (is.null(trs)) list() else list(small_asy = FALSE)
    fit <- run(name, if (model == "sar")
      lagsarlm(fml, data = df, listw = lw, method = method, zero.policy = zp, trs = trs, control = control)
    else
      errorsarlm(fml, data = df, listw = lw, method = method, zero.policy = zp, trs = trs, control = control))
    attr(fit, "call_control") <- control
    fit
  }
  sparse_fields <- function(fit) {
    if_ok(fit, function(x) c(list(call_control = attr(fit, "call_control"), trs = !is.null(x$trs)),
                             sarlm_fields(x, per_observation = FALSE)))
  }
  sar_lu <- sparse_fit("sar", "LU")
  sem_lu <- sparse_fit("sem", "LU")
  out <- header_fields(spec)
  out$sar_eigen <- if_ok(f$sar, sarlm_fields)
  out$sar_sparse <- list(
    LU_default = sparse_fields(sar_lu),
    Matrix_default = sparse_fields(sparse_fit("sar", "Matrix")),
    LU_numerical_hessian_trs = sparse_fields(sparse_fit("sar", "LU", trs = tr))
  )
  out$sem_sparse <- list(
    LU_default = sparse_fields(sem_lu),
    Matrix_default = sparse_fields(sparse_fit("sem", "Matrix"))
  )
  out$impacts <- if_ok(f$sar, function(sar) {
    ex <- run("impacts_sar_exact", impacts(sar, listw = lw))
    it <- run("impacts_sar_trace", impacts(sar, tr = tr))
    sim <- run("impacts_sar_simulated", { set.seed(1); impacts(sar, listw = lw, R = 1000) })
    list(
      exact = list(how = "impacts(fit, listw = lw): eigenvalues of W (dense eigen)",
                   impacts = exact_impacts_fields(ex)),
      trace_mult_m30 = list(how = "impacts(fit, tr = trW(as(lw, 'CsparseMatrix'), m = 30, type = 'mult'))",
                            impacts = exact_impacts_fields(it)),
      traces_mult_m30 = list(how = "trW(as(lw, 'CsparseMatrix'), m = 30, type = 'mult'): tr(W^j), j = 1..30",
                             traces = c(unclass(tr)[seq_len(30)])),
      simulated = list(how = "set.seed(1); impacts(fit, listw = lw, R = 1000); summary(., zstats = TRUE, short = TRUE)",
                       R = 1000, seed = 1, impacts = simulated_impacts_fields(sim))
    )
  })
  out$sem_eigen <- if_ok(f$sem, sarlm_fields)
  out$sdm_eigen <- if_ok(f$sdm, function(sdm) {
    x <- sarlm_fields(sdm)
    x$impacts_exact <- exact_impacts_fields(run("impacts_sdm_exact", impacts(sdm, listw = lw)))
    x
  })
  out$ols <- if_ok(f$ols, function(ols) ols_fields(ols, lw, zp))
  out$independent_check <- if_ok(f$sar, function(sar) sar_independent_check(spec, sar))
  out$warnings <- runner_warnings(run)
  out$timings_seconds <- runner_timings(run)
  out$elapsed_seconds <- proc.time()[["elapsed"]] - t_all
  write_json_file(out, file.path(spec$out_dir, "reference.json"))
  summaries <- list(ols = f$ols, `sar-eigen` = f$sar, sem = f$sem, sdm = f$sdm,
                    `sar-lu-default` = sar_lu, `sem-lu-default` = sem_lu)
  for (nm in names(summaries)) write_summary(summaries[[nm]], file.path(spec$out_dir, paste0("summary-", nm, ".txt")))
  lmt <- if_ok(f$ols, function(ols) lm.LMtests(ols, lw, test = "all", zero.policy = zp))
  if (!is_error(lmt)) writeLines(capture.output(print(lmt), print(lm.morantest(f$ols, lw, zero.policy = zp))),
                                 file.path(spec$out_dir, "summary-lmtests.txt"))
  invisible(out)
}

# Rebuilds W from the GAL file and y, X from the CSV columns with base R (no spdep), and
# evaluates the SAR log-likelihood at R's rho.
sar_independent_check <- function(spec, sar) {
  csv <- read.csv(spec$data_csv, colClasses = "character")
  num <- function(col) as.numeric(csv[[col]])
  y <- num(spec$y_column)
  X <- cbind(1, sapply(spec$x_columns, num))
  W <- read_gal_dense_W(spec$gal_path, csv$id)
  ll <- sar_loglik_dense(y, X, W, sar$rho)
  list(
    how = paste("base R: W from the GAL file (row-standardised, islands as zero rows), y and X from the",
                "CSV columns", paste(c(spec$y_column, spec$x_columns), collapse = ", "),
                "; loglik = ln|I - rho W| (determinant()) - n/2 ln(2 pi) - n/2 ln(SSE/n) - n/2 at R's rho"),
    rho = unname(sar$rho), loglik_recomputed = ll, loglik_spatialreg = c(sar$LL),
    difference = ll - c(sar$LL)
  )
}

# reference-extended.json -------------------------------------------------------------------------

generate_extended <- function(spec) {
  run <- fit_runner(spec)
  t_all <- proc.time()[["elapsed"]]
  fml <- spec$fml; df <- spec$df; lw <- spec$lw; zp <- spec$zp
  f <- core_fits(spec, run)
  slx <- run("slx", lmSLX(fml, data = df, listw = lw, zero.policy = zp))
  sdem <- run("sdem", errorsarlm(fml, data = df, listw = lw, method = "eigen", zero.policy = zp, Durbin = TRUE))
  nested_points <- function(lag, err) if (is_error(lag) || is_error(err)) NULL else
    rbind(c(unname(lag$rho), 0), c(0, unname(err$lambda)))
  sac <- run("sac", sacsarlm(fml, data = df, listw = lw, method = "eigen", zero.policy = zp,
                             llprof = nested_points(f$sar, f$sem)))
  gns <- run("gns", sacsarlm(fml, data = df, listw = lw, method = "eigen", zero.policy = zp, Durbin = TRUE,
                             llprof = nested_points(f$sdm, sdem)))
  k <- ncol(model.matrix(fml, df))
  out <- header_fields(spec, list(k = k))
  out$notes <- extended_notes()
  out$slx <- if_ok(slx, function(m) {
    s <- summary(m)
    ll <- logLik(m)
    n <- nobs(m)
    list(call = "spatialreg::lmSLX(fml, data, listw) (an lm fit of y on [X, WX])",
         se_type = "OLS (lm): sigma^2 = SSE / (n - p)", coefficients = coef_table_t(s),
         loglik = c(ll), parameters = attr(ll, "df"), AIC = -2 * c(ll) + 2 * attr(ll, "df"), AIC_R = AIC(m),
         BIC = -2 * c(ll) + attr(ll, "df") * log(n), BIC_R = BIC(m),
         sigma2 = sum(residuals(m)^2) / n, sigma2_unbiased = s$sigma^2, sigma_unbiased = s$sigma,
         SSE = sum(residuals(m)^2), df_residual = m$df.residual, r_squared = s$r.squared,
         adj_r_squared = s$adj.r.squared, n = n,
         impacts = estimable_impacts_fields(run("impacts_slx", impacts(m))))
  })
  out$sdem <- if_ok(sdem, function(m) {
    x <- sarlm_fields(m)
    x$impacts <- estimable_impacts_fields(run("impacts_sdem", impacts(m)))
    x
  })
  out$sac <- if_ok(sac, function(m) c(sarlm_fields(m), list(optimizer = sac_optimizer_fields(m))))
  out$gns <- if_ok(gns, function(m) c(sarlm_fields(m), list(optimizer = sac_optimizer_fields(m))))
  models <- list(ols = f$ols, slx = slx, sar = f$sar, sem = f$sem, sdm = f$sdm, sdem = sdem, sac = sac, gns = gns)
  out$lr_tests <- lr_tests_fields(models)
  out$model_comparison <- lapply(names(models), function(nm) if_ok(models[[nm]], function(m) model_comparison_row(nm, m)))
  out$diagnostics <- list(
    bptest_sar = if_ok(f$sar, function(sar) list(
      studentized = htest_fields(bptest.Sarlm(sar, studentize = TRUE), estimate = FALSE),
      breusch_pagan = htest_fields(bptest.Sarlm(sar, studentize = FALSE), estimate = FALSE),
      note = "spatialreg::bptest.Sarlm(fit) on the lag model: regressors Z = fit$tarX (= X), residuals = y - rho W y - X beta; df = ncol(X) - 1")),
    ols = if_ok(f$ols, ols_diagnostics)
  )
  out$robust_lm_durbin <- list(
    available = exists("SD.RStests", envir = asNamespace("spdep"), inherits = FALSE),
    note = paste("Koley & Bera (2024) robust LM tests for Durbin specifications (spdep::SD.RStests, and",
                 "lm.RStests, the new name of lm.LMtests) first appear in spdep 1.3-1; spdep",
                 format(packageVersion("spdep")), "has neither, so no reference values are recorded.")
  )
  out$predictions_sar <- if_ok(f$sar, function(sar) predictions_fields(sar, lw, zp, run))
  out$checks <- extended_checks(spec, run, models)
  out$warnings <- runner_warnings(run)
  out$timings_seconds <- runner_timings(run)
  out$elapsed_seconds <- proc.time()[["elapsed"]] - t_all
  write_json_file(out, file.path(spec$out_dir, "reference-extended.json"))
  for (nm in c("slx", "sdem", "sac", "gns")) {
    write_summary(get(nm), file.path(spec$out_dir, paste0("summary-extended-", nm, ".txt")))
  }
  writeLines(capture.output(
    for (t in names(out$lr_tests)) if (!is.null(out$lr_tests[[t]]$statistic)) cat(t, ":", out$lr_tests[[t]]$statistic, "df", out$lr_tests[[t]]$df, "p", out$lr_tests[[t]]$p, "\n"),
    if (!is_error(f$sar)) print(bptest.Sarlm(f$sar)),
    if (!is_error(f$ols)) print(bptest(f$ols))
  ), file.path(spec$out_dir, "summary-extended-tests.txt"))
  invisible(out)
}

lr_tests_fields <- function(m) {
  pairs <- list(
    sdm_vs_sem = c("sdm", "sem", "common-factor test: LR.Sarlm(sdm, sem), H0 theta = -rho beta (df k - 1)"),
    sdm_vs_slx = c("sdm", "slx", "LR.Sarlm(sdm, slx): H0 rho = 0 in the SDM (df 1)"),
    sdm_vs_sar = c("sdm", "sar", "LR.Sarlm(sdm, sar): H0 theta = 0 (df k - 1)"),
    sar_vs_ols = c("sar", "ols", "LR.Sarlm(sar, ols): H0 rho = 0"),
    sem_vs_ols = c("sem", "ols", "LR.Sarlm(sem, ols): H0 lambda = 0"),
    slx_vs_ols = c("slx", "ols", "LR.Sarlm(slx, ols): H0 theta = 0"),
    sdem_vs_sem = c("sdem", "sem", "LR.Sarlm(sdem, sem): H0 theta = 0"),
    sdem_vs_slx = c("sdem", "slx", "LR.Sarlm(sdem, slx): H0 lambda = 0"),
    sac_vs_sar = c("sac", "sar", "LR.Sarlm(sac, sar): H0 lambda = 0"),
    sac_vs_sem = c("sac", "sem", "LR.Sarlm(sac, sem): H0 rho = 0"),
    sac_vs_ols = c("sac", "ols", "LR.Sarlm(sac, ols): H0 rho = lambda = 0"),
    gns_vs_sdm = c("gns", "sdm", "LR.Sarlm(gns, sdm): H0 lambda = 0"),
    gns_vs_sdem = c("gns", "sdem", "LR.Sarlm(gns, sdem): H0 rho = 0"),
    gns_vs_sac = c("gns", "sac", "LR.Sarlm(gns, sac): H0 theta = 0")
  )
  lapply(pairs, function(p) {
    a <- m[[p[1]]]; b <- m[[p[2]]]
    if (is_error(a)) return(a)
    if (is_error(b)) return(b)
    lr_fields(a, b, p[1:2], p[3])
  })
}

predictions_fields <- function(sar, lw, zp, run) {
  ts <- predict(sar)
  trend <- predict(sar, pred.type = "trend")
  tc <- run("predict_TC", predict(sar, pred.type = "TC", listw = lw, zero.policy = zp))
  vec <- function(x) unname(c(x))
  block <- function(x, note, extra = list()) c(list(note = note, first10 = vec(x)[1:10], values = vec(x)), extra)
  list(
    how = "spatialreg predict.Sarlm(sar fit, newdata = NULL (in-sample), pred.type = ..., listw = lw)",
    TS = block(ts, "in-sample 'TS' = fitted.values(fit) = rho W y + X beta; attributes trend = X beta, signal = rho W y",
               list(trend = attr(ts, "trend"), signal = attr(ts, "signal"))),
    trend = block(trend, "X beta"),
    TC = if_ok(tc, function(x) block(x, "extra: reduced form (I - rho W)^-1 X beta (eigen fit: power = FALSE, invIrW dense solve)",
                                     list(trend = attr(x, "trend"))))
  )
}

# The start spreads refit with method = "LU" (sparse LU log-determinant, the same likelihood as
# eigen up to rounding) and the eigen fit's search intervals: with method = "eigen" sacsarlm
# always forms its dense asymptotic covariance (about twenty n x n products), which at these n
# costs many minutes per refit. Refits with rho or lambda fixed at 0 (interval c(0, 0)) are not
# possible with LU: its numerical Hessian steps by |par| * eps^(1/3) = 0 and fails ("system is
# computationally singular"); and control fdHess = FALSE fails in spatialreg 1.2-6 ("object
# 'rest.se' not found"). Hence the llprof evaluation in `restricted`.
extended_checks <- function(spec, run, m) {
  fml <- spec$fml; df <- spec$df; lw <- spec$lw; zp <- spec$zp
  ok <- function(x) !is_error(x)
  out <- list()
  order_pairs <- list(gns_sdm = c("gns", "sdm"), gns_sdem = c("gns", "sdem"), gns_sac = c("gns", "sac"),
                      sac_sar = c("sac", "sar"), sac_sem = c("sac", "sem"), sdm_sar = c("sdm", "sar"),
                      sdm_slx = c("sdm", "slx"), sdem_sem = c("sdem", "sem"), sdem_slx = c("sdem", "slx"),
                      sar_ols = c("sar", "ols"), sem_ols = c("sem", "ols"), slx_ols = c("slx", "ols"))
  out$loglik_order <- c(list(note = "loglik(bigger model) - loglik(nested model); ok if >= -1e-6"),
    lapply(order_pairs, function(p) {
      if (!ok(m[[p[1]]]) || !ok(m[[p[2]]])) return(list(models = p, error = "a fit failed"))
      d <- c(logLik(m[[p[1]]])) - c(logLik(m[[p[2]]]))
      list(models = p, difference = d, ok = d >= -1e-6)
    }))
  if (ok(m$sar)) {
    out$predict_TS_equals_fitted <- max(abs(c(predict(m$sar)) - c(m$sar$fitted.values)))
    out$predict_trend_equals_Xbeta <- max(abs(c(predict(m$sar, pred.type = "trend")) - c(m$sar$X %*% m$sar$coefficients)))
  }
  lrs <- lr_tests_fields(m)
  out$lr_nonnegative <- lapply(lrs, function(x) if (is.null(x$statistic)) NA else x$statistic >= 0)
  # The SAC / GNS concentrated log-likelihood at (rho, 0) and (0, lambda) equals the SAR / SEM
  # (SDM / SDEM) one: spatialreg evaluates it through sacsarlm(llprof = ...) at the nested fits'
  # estimates (see generate_extended).
  restricted <- function(durbin, row, target) {
    base <- m[[if (durbin) "gns" else "sac"]]
    if (!ok(base) || !ok(m[[target]])) return(list(error = "a fit failed"))
    point <- unname(base$llprof$grd[row, ])
    ll <- -base$llprof$ll[row]
    list(
      call = sprintf("sacsarlm(fml, data = df, listw = lw, method = \"eigen\", zero.policy = zp,%s llprof = rbind(c(rho_%s, 0), c(0, lambda_%s)))",
                     if (durbin) " Durbin = TRUE," else "", if (durbin) "sdm" else "sar", if (durbin) "sdem" else "sem"),
      rho = point[1], lambda = point[2], loglik = ll, compared_with = target, loglik_target = c(m[[target]]$LL),
      loglik_difference = ll - c(m[[target]]$LL), ok = abs(ll - c(m[[target]]$LL)) < 1e-8
    )
  }
  out$sac_lambda0_vs_sar <- restricted(FALSE, 1L, "sar")
  out$sac_rho0_vs_sem <- restricted(FALSE, 2L, "sem")
  out$gns_lambda0_vs_sdm <- restricted(TRUE, 1L, "sdm")
  out$gns_rho0_vs_sdem <- restricted(TRUE, 2L, "sdem")
  spread <- function(prefix, durbin) {
    base <- m[[if (durbin) "gns" else "sac"]]
    if (!ok(base)) return(base)
    st <- sac_optimizer_fields(base)$starts
    runs <- lapply(seq_along(st$rho), function(i) {
      start <- c(st$rho[i], st$lambda[i])
      fit <- run(paste0(prefix, i), sacsarlm(fml, data = df, listw = lw, method = "LU", zero.policy = zp,
                                             Durbin = durbin, interval1 = base$interval1, interval2 = base$interval2,
                                             control = list(pars = start)))
      if (!ok(fit)) return(c(list(start = start), fit))
      list(start = start, rho = unname(fit$rho), lambda = unname(fit$lambda), loglik = c(fit$LL),
           convergence = fit$opt$convergence, message = fit$opt$message,
           max_abs_beta_difference_vs_fit = max(abs(fit$coefficients - base$coefficients)))
    })
    good <- Filter(function(r) !is.null(r$loglik), runs)
    best <- max(vapply(good, function(r) r$loglik, 0))
    at <- Filter(function(r) r$loglik >= best - 1e-6, good)
    rg <- function(f) diff(range(vapply(at, f, 0)))
    list(
      how = "sacsarlm(..., method = \"LU\", interval1/2 = the eigen fit's, control = list(pars = start)) from each of the 4 default starts",
      runs = runs,
      at_best = list(note = "runs within 1e-6 of the best loglik", n_runs = length(at),
                     rho_range = rg(function(r) r$rho), lambda_range = rg(function(r) r$lambda),
                     loglik_range = rg(function(r) r$loglik),
                     rho_max_abs_difference_vs_fit = max(abs(vapply(at, function(r) r$rho, 0) - base$rho)),
                     lambda_max_abs_difference_vs_fit = max(abs(vapply(at, function(r) r$lambda, 0) - base$lambda))),
      local_maxima = length(at) < length(good)
    )
  }
  out$sac_start_spread <- spread("spread_sac_start", FALSE)
  out$gns_start_spread <- spread("spread_gns_start", TRUE)
  out
}

extended_notes <- function() list(
  general = "All ML fits use method = \"eigen\" (dense eigenvalue log-determinant, asymptotic SEs from the analytic information matrix unless se_type says otherwise). Models that fail in R are {\"error\": message}. k = number of columns of X incl. the constant.",
  parameters = "parameters = attr(logLik(fit), \"df\") as spatialreg / stats count them: OLS k + 1, SLX (2k - 1) + 1, SAR and SEM k + 2, SDM and SDEM (2k - 1) + 2, SAC k + 3, GNS (2k - 1) + 3 (sigma2 counted)",
  BIC = "BIC = -2 loglik + parameters * log(n) (natural log); AIC = -2 loglik + 2 parameters; AIC_R / BIC_R are R's AIC() / BIC() of the same object",
  LR_in_fits = "`LR` inside sdem / sac / gns is summary()'s LR1: against fit$logLik_lm.model, which for SDEM is lm(y ~ [X, WX]) (= SLX, df 1), for SAC lm(fml) (= OLS, df 2) and for GNS ALSO lm(fml) (= OLS without WX, df k + 1)",
  SLX = "lmSLX is an lm: coefficient SEs and t use sigma^2 = SSE/(n - p), p-values from t(n - p); sigma2 here is the ML SSE/n, sigma2_unbiased = SSE/(n - p); impacts: direct = beta, indirect = theta (lag.X), total = beta + theta (via .estimable), SEs from the lm covariance (summary method 'estimable, n-k'), z = est/SE and p = 2(1 - pnorm|z|)",
  SDEM_impacts = "impacts(SDEM fit): direct = beta, indirect = theta, total = beta + theta; std_error_object = SEs of summary.lm of the spatially filtered regression (divisor n - p), std_error = what summary(impacts) prints: std_error_object * sqrt((n - k)/n) ('estimable, n'), which equals the asymptotic SE (beta and lambda blocks of the information matrix are orthogonal)",
  p_values = "p = 2 * (1 - pnorm(|z|)) as R prints; p_accurate = 2 * pnorm(-|z|) (for chi^2 tests: pchisq(stat, df, lower.tail = FALSE))",
  SAC_optimizer = "sacsarlm maximises the concentrated likelihood in (rho, lambda) with nlminb from 4 starting points 0.8 * (lower1, upper2), (0, 0), (upper1, upper2), (upper1, lower2), then re-runs nlminb from the best one (optimizer.best_start; loglik_from_each_start = the optimum reached from each start); summary()'s Wald statistic for SAC/GNS (lambda only, df 2) is not kept",
  checks = "checks.sac_lambda0_vs_sar / sac_rho0_vs_sem / gns_lambda0_vs_sdm / gns_rho0_vs_sdem evaluate the SAC / GNS concentrated log-likelihood at (rho_nested, 0) and (0, lambda_nested) with sacsarlm(llprof = ...) in the main eigen fits and compare it with the nested fit's loglik (no refit: a refit with interval c(0, 0) needs method eigen and its dense covariance again, and fails with LU). The start spreads refit with method = \"LU\" (sparse LU log-determinant; the same likelihood as eigen up to rounding) from each start with the eigen fit's search intervals, because sacsarlm with method = \"eigen\" always forms its dense asymptotic covariance (about twenty n x n products)",
  diagnostics = "see the `formula` strings in diagnostics.ols.jarque_bera / condition_number / vif_formula"
)
