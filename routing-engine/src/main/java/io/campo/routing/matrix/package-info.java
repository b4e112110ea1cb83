/**
 * Many-to-many travel time and distance on the contraction hierarchy (bucket-based, one search
 * per point). Entry point: {@link io.campo.routing.matrix.MatrixCalculator}.
 */
package io.campo.routing.matrix;
