package org.supernodesim.results.scaling;

import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer.Optimum;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresProblem;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;
import org.apache.commons.math3.util.Pair;

/**
 * Least-squares fits of Amdahl's law and the USL to measured speedups. The linearised form n/C − 1
 * = σ(n−1) + κn(n−1) gives a starting point by ordinary least squares (Gunther's method); then
 * Levenberg–Marquardt minimises the residuals of C itself, so the error is measured in the quantity
 * the data were measured in rather than in its reciprocal.
 */
final class ScalingFitter {
  private static final int MAX_ITERATIONS = 10_000;

  private ScalingFitter() {}

  /**
   * Fits {@code model} to speedups {@code speedups[i]} measured at relative chip counts {@code
   * relativeChips[i]} (the base point included, at n = 1, C = 1).
   */
  static ScalingFit fit(
      ScalingFit.Model model, int baseChips, double[] relativeChips, double[] speedups) {
    int parameters = model == ScalingFit.Model.USL ? 2 : 1;
    double[] start = linearisedStart(parameters, relativeChips, speedups);
    MultivariateJacobianFunction function =
        point -> {
          double sigma = point.getEntry(0);
          double kappa = parameters == 2 ? point.getEntry(1) : 0;
          RealVector value = new ArrayRealVector(relativeChips.length);
          RealMatrix jacobian = new Array2DRowRealMatrix(relativeChips.length, parameters);
          for (int i = 0; i < relativeChips.length; i++) {
            double n = relativeChips[i];
            double d = 1 + sigma * (n - 1) + kappa * n * (n - 1);
            value.setEntry(i, n / d);
            jacobian.setEntry(i, 0, -n * (n - 1) / (d * d));
            if (parameters == 2) {
              jacobian.setEntry(i, 1, -n * n * (n - 1) / (d * d));
            }
          }
          return new Pair<>(value, jacobian);
        };
    LeastSquaresProblem problem =
        new LeastSquaresBuilder()
            .start(start)
            .model(function)
            .target(speedups)
            .maxEvaluations(MAX_ITERATIONS)
            .maxIterations(MAX_ITERATIONS)
            .build();
    Optimum optimum = new LevenbergMarquardtOptimizer().optimize(problem);
    double sigma = optimum.getPoint().getEntry(0);
    double kappa = parameters == 2 ? optimum.getPoint().getEntry(1) : 0;
    ScalingFit unrated = new ScalingFit(model, baseChips, sigma, kappa, Double.NaN);
    double r2 = rSquared(unrated, baseChips, relativeChips, speedups);
    return new ScalingFit(model, baseChips, sigma, kappa, r2);
  }

  private static double[] linearisedStart(
      int parameters, double[] relativeChips, double[] speedups) {
    int rows = relativeChips.length;
    double[] y = new double[rows];
    double[][] x = new double[rows][parameters];
    for (int i = 0; i < rows; i++) {
      double n = relativeChips[i];
      y[i] = n / speedups[i] - 1;
      x[i][0] = n - 1;
      if (parameters == 2) {
        x[i][1] = n * (n - 1);
      }
    }
    OLSMultipleLinearRegression regression = new OLSMultipleLinearRegression();
    regression.setNoIntercept(true);
    regression.newSampleData(y, x);
    return regression.estimateRegressionParameters();
  }

  /** 1 − SS_res/SS_tot; when the data do not vary (SS_tot = 0), 1 if reproduced exactly, else 0. */
  private static double rSquared(
      ScalingFit fit, int baseChips, double[] relativeChips, double[] speedups) {
    double mean = 0;
    for (double s : speedups) {
      mean += s;
    }
    mean /= speedups.length;
    double ssRes = 0;
    double ssTot = 0;
    for (int i = 0; i < speedups.length; i++) {
      double residual = speedups[i] - fit.speedupAt(relativeChips[i] * baseChips);
      ssRes += residual * residual;
      ssTot += (speedups[i] - mean) * (speedups[i] - mean);
    }
    if (ssTot == 0) {
      return ssRes == 0 ? 1 : 0;
    }
    return 1 - ssRes / ssTot;
  }
}
