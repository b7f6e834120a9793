package dev.gatehouse.routing;

import dev.gatehouse.providers.Provider;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CandidateOrderTest {
    private static final int DRAWS = 20_000;

    private static Deployment d(String name, int weight, int priority) {
        return new Deployment(new Provider(name, "openai", null, null), "m", weight, priority, null, null);
    }

    @Test
    void should_return_a_single_deployment_as_it_is() {
        List<Deployment> one = List.of(d("a", 1, 0));

        assertThat(CandidateOrder.of(one)).containsExactlyElementsOf(one);
    }

    @Test
    void should_keep_priority_groups_in_order_and_list_every_deployment_exactly_once() {
        Deployment a = d("a", 1, 0);
        Deployment b = d("b", 5, 0);
        Deployment c = d("c", 1, 1);
        Deployment x = d("x", 2, 1);
        Deployment z = d("z", 1, 7);

        for (int i = 0; i < 500; i++) {
            List<Deployment> order = CandidateOrder.of(List.of(a, b, c, x, z));

            assertThat(order).hasSize(5).doesNotHaveDuplicates();
            assertThat(order.subList(0, 2)).containsExactlyInAnyOrder(a, b);
            assertThat(order.subList(2, 4)).containsExactlyInAnyOrder(c, x);
            assertThat(order.get(4)).isSameAs(z);
        }
    }

    @Test
    void should_pick_first_in_proportion_to_the_weights() {
        Deployment heavy = d("heavy", 3, 0);
        Deployment light = d("light", 1, 0);
        int heavyFirst = 0;

        for (int i = 0; i < DRAWS; i++) {
            if (CandidateOrder.of(List.of(light, heavy)).get(0) == heavy) heavyFirst++;
        }

        assertThat((double) heavyFirst / DRAWS).isCloseTo(0.75, within(0.03));
    }

    @Test
    void should_split_the_first_pick_by_weight_among_three_deployments() {
        Deployment a = d("a", 1, 0);
        Deployment b = d("b", 1, 0);
        Deployment c = d("c", 2, 0);
        Map<Deployment, Integer> first = new HashMap<>();

        for (int i = 0; i < DRAWS; i++) first.merge(CandidateOrder.of(List.of(a, b, c)).get(0), 1, Integer::sum);

        assertThat((double) first.get(a) / DRAWS).isCloseTo(0.25, within(0.03));
        assertThat((double) first.get(b) / DRAWS).isCloseTo(0.25, within(0.03));
        assertThat((double) first.get(c) / DRAWS).isCloseTo(0.50, within(0.03));
    }

    @Test
    void should_draw_the_second_candidate_by_weight_among_those_left() {
        // after a (weight 2) is drawn first, b (weight 1) and c (weight 3) remain: c is second 3 times in 4
        Deployment a = d("a", 2, 0);
        Deployment b = d("b", 1, 0);
        Deployment c = d("c", 3, 0);
        int aFirst = 0;
        int cSecondAfterA = 0;

        for (int i = 0; i < DRAWS; i++) {
            List<Deployment> order = CandidateOrder.of(List.of(a, b, c));
            if (order.get(0) == a) {
                aFirst++;
                if (order.get(1) == c) cSecondAfterA++;
            }
        }

        assertThat((double) cSecondAfterA / aFirst).isCloseTo(0.75, within(0.04));
    }
}
