/**
 * The TTL decision: {@link dev.oddscache.decision.DecisionEngine} is the pure combination of zone,
 * status, breaker floor and panic quota; {@link dev.oddscache.decision.Decider} is the shell that
 * feeds it live state and logs on change.
 */
package dev.oddscache.decision;
