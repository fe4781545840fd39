# Runs the shared fit code (common.R, fits.R) on test/fixtures/columbus and compares every number
# it writes with the committed columbus reference.json / reference-extended.json (made by an
# earlier generator), to show that the field extraction used for the other datasets matches.
# Writes nothing into the repository: output goes to a temporary folder.
#   Rscript scripts/r/columbus-selfcheck.R
source(file.path(dirname(normalizePath(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE)))), "common.R"))
source(file.path(script_dir(), "fits.R"))

root <- repo_root()
cdir <- file.path(root, "test", "fixtures", "columbus")
df <- read.csv(file.path(cdir, "data.csv"))
nb <- read.gal(file.path(cdir, "weights.gal"), region.id = as.character(df$id), override.id = TRUE)
out_dir <- file.path(tempdir(), "columbus-selfcheck")
dir.create(out_dir, showWarnings = FALSE)
spec <- list(
  dataset = "columbus-selfcheck", script = "columbus-selfcheck.R", out_dir = out_dir, df = df,
  fml = CRIME ~ INC + HOVAL, lw = nb2listw(nb, style = "W"), nb = nb, zp = FALSE,
  weights = weights_block(nb, df$id, FALSE), weights_source = "weights.gal",
  columns_for_terms = list(), csv_formula = "CRIME ~ INC + HOVAL",
  gal_path = file.path(cdir, "weights.gal"), data_csv = file.path(cdir, "data.csv"),
  y_column = "CRIME", x_columns = c("INC", "HOVAL")
)
mine <- list(base = generate_reference(spec), ext = generate_extended(spec))
theirs <- list(base = fromJSON(file.path(cdir, "reference.json"), simplifyVector = FALSE),
               ext = fromJSON(file.path(cdir, "reference-extended.json"), simplifyVector = FALSE))
mine <- lapply(mine, function(x) fromJSON(toJSON(x, digits = NA, auto_unbox = TRUE, null = "null", na = "null"), simplifyVector = FALSE))

# Walks both trees; reports numbers that differ by more than `tol` (relative) and keys present in
# the committed file but missing here. Timings and version strings are skipped.
compare <- function(a, b, path = "", tol = 1e-9) {
  if (grepl("timings|elapsed|versions|how$|note|call|generated_by|weights_source|formula|what$|dataset", path)) return(invisible())
  if (is.list(b)) {
    keys <- if (is.null(names(b))) seq_along(b) else names(b)
    for (k in keys) {
      sub <- if (is.numeric(k)) paste0(path, "[", k, "]") else paste0(path, ".", k)
      ak <- if (is.numeric(k)) (if (k <= length(a)) a[[k]] else NULL) else a[[k]]
      if (is.null(ak)) cat("MISSING", sub, "\n") else compare(ak, b[[k]], sub, tol)
    }
  } else if (is.numeric(b) && length(b) == 1L) {
    if (!is.numeric(a) || length(a) != 1L || abs(a - b) > tol * max(1, abs(b))) cat("DIFF", path, deparse(a), b, "\n")
  } else if (!identical(a, b)) {
    cat("DIFF", path, deparse(a), deparse(b), "\n")
  }
}
cat("== reference.json\n"); compare(mine$base, theirs$base)
cat("== reference-extended.json\n"); compare(mine$ext, theirs$ext)
