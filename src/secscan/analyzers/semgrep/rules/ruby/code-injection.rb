class ReportsController < ApplicationController
  REPORTS = { "sales" => SalesReport, "stock" => StockReport }.freeze

  def calculate
    # ruleid: ruby.lang.code-injection
    result = eval("#{params[:left]} + #{params[:right]}")
    render json: { result: result }
  end

  def show
    # ruleid: ruby.lang.code-injection
    klass = params[:type].constantize
    # ruleid: ruby.lang.code-injection
    value = current_user.send(params[:field])
    # ruleid: ruby.lang.code-injection
    report = Object.const_get("#{params[:kind].camelize}Report")
    render json: klass.new(value)
  end

  def safe
    # ok: ruby.lang.code-injection
    klass = REPORTS.fetch(params[:type])
    # ok: ruby.lang.code-injection
    value = current_user.public_send(:display_name)
    # ok: ruby.lang.code-injection
    model = "Report".constantize
    # ok: ruby.lang.code-injection
    total = eval("1 + #{params[:n].to_i}")
    render json: klass.new(value)
  end
end
