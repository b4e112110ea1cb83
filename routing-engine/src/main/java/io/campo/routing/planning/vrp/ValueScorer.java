package io.campo.routing.planning.vrp;

import com.graphhopper.jsprit.core.algorithm.recreate.InsertionData;
import com.graphhopper.jsprit.core.algorithm.recreate.ScoringFunction;
import com.graphhopper.jsprit.core.problem.job.Job;

import java.util.Map;

/**
 * Orders regret insertion by value as well as by regret: jsprit inserts the job with the
 * highest score first, and when the agents' time runs out the jobs still waiting are the ones
 * left unserved. Adds to jsprit's default score a bonus of {@link #LEGS_PER_MEAN_VALUE} average
 * legs per job of average value; with equal values (the VRPTW benchmarks) the bonus is the same
 * for all and changes nothing.
 *
 * <p>Thread-safe: immutable; jsprit's concurrent regret insertion calls it from several threads.
 */
final class ValueScorer implements ScoringFunction {

    static final double LEGS_PER_MEAN_VALUE = 2.0;

    private final ScoringFunction base;
    private final Map<String, VrpJob> jobs;
    private final double bonusPerUnit;

    ValueScorer(ScoringFunction base, Map<String, VrpJob> jobs, double meanLeg, double meanUnits) {
        this.base = base;
        this.jobs = jobs;
        this.bonusPerUnit = LEGS_PER_MEAN_VALUE * meanLeg / meanUnits;
    }

    @Override
    public double score(InsertionData best, Job job) {
        VrpJob vrpJob = jobs.get(job.getId());
        double bonus = vrpJob == null ? 0 : bonusPerUnit * (vrpJob.value() + 1);
        return base.score(best, job) + bonus;
    }
}
