package dev.gatehouse.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The order in which one request tries a route's deployments: by priority, and within a priority
 * a weighted random permutation (each deployment drawn with probability proportional to its
 * weight, without replacement), so traffic splits by weight and failover spreads evenly.
 */
public final class CandidateOrder {
    private CandidateOrder() {}

    public static List<Deployment> of(List<Deployment> byPriority) {
        int n = byPriority.size();
        if (n == 1) return byPriority;
        List<Deployment> out = new ArrayList<>(n);
        int start = 0;
        while (start < n) {
            int end = start;
            int priority = byPriority.get(start).priority();
            while (end < n && byPriority.get(end).priority() == priority) end++;
            drawWeighted(byPriority.subList(start, end), out);
            start = end;
        }
        return out;
    }

    private static void drawWeighted(List<Deployment> group, List<Deployment> out) {
        if (group.size() == 1) { out.add(group.get(0)); return; }
        List<Deployment> left = new ArrayList<>(group);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (!left.isEmpty()) {
            long total = 0;
            for (Deployment d : left) total += d.weight();
            long pick = random.nextLong(total);
            for (int i = 0; i < left.size(); i++) {
                pick -= left.get(i).weight();
                if (pick < 0) { out.add(left.remove(i)); break; }
            }
        }
    }
}
