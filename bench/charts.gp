# Charts of a benchmark run: gnuplot -e "datadir='...'; outdir='...'" bench/charts.gp
# Reads the data files the report step writes (throughput.dat, latency.dat).
set terminal pngcairo size 1500,520 font "DejaVu Sans,11" noenhanced
set output outdir."/latency.png"
set datafile commentschars "#"
set key top left
set grid ytics
set logscale y
set ylabel "latency (ms, log scale)"
set xlabel "request rate (req/s), constant, open model"
set style data linespoints
names = system("awk '/^# / {print $2}' ".datadir."/latency.dat")
set multiplot layout 1,3 title "Latency from the intended start, by rate (lower is better)"
do for [col=2:4] {
  set title (col == 2 ? "p50" : (col == 3 ? "p99" : "p99.9"))
  plot for [i=0:words(names)-1] datadir."/latency.dat" index i using 0:col:xtic(1) title word(names, i+1) lw 2 pt 7
}
unset multiplot

set output outdir."/throughput.png"
set terminal pngcairo size 1300,500 font "DejaVu Sans,11" noenhanced
unset logscale y
unset multiplot
set title "Throughput at saturation, wrk closed loop (higher is better)"
set ylabel "requests per second"
set xlabel ""
set style data histograms
set style fill solid 0.8 border -1
set boxwidth 0.6
set yrange [0:*]
unset key
plot datadir."/throughput.dat" using 2:xtic(1) lc rgb "#3b6ea8", \
     "" using 0:2:(sprintf("%.0f", $2)) with labels offset 0,0.8 notitle
